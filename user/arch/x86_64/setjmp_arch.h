/*
 * The registers a jmp_buf holds on x86_64: what the System V ABI says a called function
 * must preserve (rbx, rbp, r12-r15), the stack pointer its caller had before the call,
 * and the return address. Offsets in bytes, for setjmp.S; <setjmp.h> holds the struct.
 */
#ifndef SETJMP_ARCH_H
#define SETJMP_ARCH_H

#define __JB_NREGS      8
#define JB_RBX          0
#define JB_RBP          8
#define JB_R12          16
#define JB_R13          24
#define JB_R14          32
#define JB_R15          40
#define JB_RSP          48  /* the caller's rsp: ours + 8, past the return address */
#define JB_RIP          56  /* where setjmp returns to */
#define JB_MASK_SAVED   (__JB_NREGS * 8) /* struct __jmp_buf_tag's __mask_saved */

#endif
