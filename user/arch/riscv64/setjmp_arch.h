/*
 * The registers a jmp_buf holds on riscv64: ra, sp and what the psABI says a called
 * function must preserve, s0-s11 (programs here are soft-float: no fs registers).
 * Offsets in bytes, for setjmp.S; <setjmp.h> holds the struct.
 */
#ifndef SETJMP_ARCH_H
#define SETJMP_ARCH_H

#define __JB_NREGS      14
#define JB_RA           0   /* where setjmp returns to */
#define JB_SP           8
#define JB_S0           16  /* s0-s11 at JB_S0 + 8 * i */
#define JB_MASK_SAVED   (__JB_NREGS * 8) /* struct __jmp_buf_tag's __mask_saved */

#endif
