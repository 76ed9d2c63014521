/*
 * struct pt_regs: the registers a trap saves on the kernel stack. From the top down:
 * the CPU pushes ss, rsp, rflags, cs, rip (and an error code for some vectors, Intel
 * SDM vol. 3A, 6.14); the stub in entry.S pushes a dummy error code where the CPU does
 * not, then the vector number, then the 15 general registers. The offsets below are the
 * only layout the assembly knows; the _Static_asserts keep the C struct in step.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define PT_R15    0
#define PT_RBP    (4 * 8)
#define PT_RAX    (10 * 8)
#define PT_RDI    (14 * 8)
#define PT_VECTOR (15 * 8)
#define PT_ERROR  (16 * 8)
#define PT_RIP    (17 * 8)
#define PT_CS     (18 * 8)
#define PT_RFLAGS (19 * 8)
#define PT_RSP    (20 * 8)
#define PT_SS     (21 * 8)
#define PT_SIZE   (22 * 8)

/* pt_regs.vector of a system call: above every IDT vector. */
#define X86_SYSCALL_VECTOR 256

#ifndef __ASSEMBLER__

#include <stddef.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12;
	unsigned long rbp;    /* the frame pointer */
	unsigned long rbx;
	unsigned long r11, r10, r9, r8;
	unsigned long rax, rcx, rdx, rsi, rdi;
	unsigned long vector; /* which IDT vector: 14 = #PF, 32 = timer, ... */
	unsigned long error;  /* the CPU's error code, or 0 where it pushes none */
	unsigned long rip;    /* pushed by the CPU from here on */
	unsigned long cs;     /* low 2 bits: the privilege level that trapped */
	unsigned long rflags;
	unsigned long rsp;    /* the stack pointer before the trap */
	unsigned long ss;
};

_Static_assert(offsetof(struct pt_regs, rbp) == PT_RBP, "pt_regs.rbp");
_Static_assert(offsetof(struct pt_regs, rax) == PT_RAX, "pt_regs.rax");
_Static_assert(offsetof(struct pt_regs, rdi) == PT_RDI, "pt_regs.rdi");
_Static_assert(offsetof(struct pt_regs, vector) == PT_VECTOR, "pt_regs.vector");
_Static_assert(offsetof(struct pt_regs, error) == PT_ERROR, "pt_regs.error");
_Static_assert(offsetof(struct pt_regs, rip) == PT_RIP, "pt_regs.rip");
_Static_assert(offsetof(struct pt_regs, rflags) == PT_RFLAGS, "pt_regs.rflags");
_Static_assert(offsetof(struct pt_regs, rsp) == PT_RSP, "pt_regs.rsp");
_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "pt_regs size");

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->rip;
}

static inline unsigned long user_stack_pointer(const struct pt_regs *regs)
{
	return regs->rsp;
}

/* Did the trap come from user mode? (CPL 3 in the saved cs) */
static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

#endif
#endif
