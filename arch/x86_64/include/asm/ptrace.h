/*
 * struct pt_regs: the registers a trap saves on the kernel stack. From the top down:
 * the CPU pushes ss, rsp, rflags, cs, rip (and an error code for some vectors, Intel
 * SDM vol. 3A, 6.14); the stub in entry.S pushes a dummy error code where the CPU does
 * not, then the vector number, then the 15 general registers (rdi first, r15 last, so
 * r15 ends at the lowest address). The PT_* offsets are the only layout the assembly
 * knows; a _Static_assert per field keeps the C struct in step.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define PT_R15    (0 * 8)
#define PT_R14    (1 * 8)
#define PT_R13    (2 * 8)
#define PT_R12    (3 * 8)
#define PT_RBP    (4 * 8)
#define PT_RBX    (5 * 8)
#define PT_R11    (6 * 8)
#define PT_R10    (7 * 8)
#define PT_R9     (8 * 8)
#define PT_R8     (9 * 8)
#define PT_RAX    (10 * 8)
#define PT_RCX    (11 * 8)
#define PT_RDX    (12 * 8)
#define PT_RSI    (13 * 8)
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
	unsigned long error;  /* the CPU's error code, 0 where it pushes none; for a system
			       * call, the original rax (the number), as Linux's orig_ax */
	unsigned long rip;    /* pushed by the CPU from here on */
	unsigned long cs;     /* low 2 bits: the privilege level that trapped */
	unsigned long rflags;
	unsigned long rsp;    /* the stack pointer before the trap */
	unsigned long ss;
};

_Static_assert(offsetof(struct pt_regs, r15) == PT_R15, "pt_regs.r15");
_Static_assert(offsetof(struct pt_regs, r14) == PT_R14, "pt_regs.r14");
_Static_assert(offsetof(struct pt_regs, r13) == PT_R13, "pt_regs.r13");
_Static_assert(offsetof(struct pt_regs, r12) == PT_R12, "pt_regs.r12");
_Static_assert(offsetof(struct pt_regs, rbp) == PT_RBP, "pt_regs.rbp");
_Static_assert(offsetof(struct pt_regs, rbx) == PT_RBX, "pt_regs.rbx");
_Static_assert(offsetof(struct pt_regs, r11) == PT_R11, "pt_regs.r11");
_Static_assert(offsetof(struct pt_regs, r10) == PT_R10, "pt_regs.r10");
_Static_assert(offsetof(struct pt_regs, r9) == PT_R9, "pt_regs.r9");
_Static_assert(offsetof(struct pt_regs, r8) == PT_R8, "pt_regs.r8");
_Static_assert(offsetof(struct pt_regs, rax) == PT_RAX, "pt_regs.rax");
_Static_assert(offsetof(struct pt_regs, rcx) == PT_RCX, "pt_regs.rcx");
_Static_assert(offsetof(struct pt_regs, rdx) == PT_RDX, "pt_regs.rdx");
_Static_assert(offsetof(struct pt_regs, rsi) == PT_RSI, "pt_regs.rsi");
_Static_assert(offsetof(struct pt_regs, rdi) == PT_RDI, "pt_regs.rdi");
_Static_assert(offsetof(struct pt_regs, vector) == PT_VECTOR, "pt_regs.vector");
_Static_assert(offsetof(struct pt_regs, error) == PT_ERROR, "pt_regs.error");
_Static_assert(offsetof(struct pt_regs, rip) == PT_RIP, "pt_regs.rip");
_Static_assert(offsetof(struct pt_regs, cs) == PT_CS, "pt_regs.cs");
_Static_assert(offsetof(struct pt_regs, rflags) == PT_RFLAGS, "pt_regs.rflags");
_Static_assert(offsetof(struct pt_regs, rsp) == PT_RSP, "pt_regs.rsp");
_Static_assert(offsetof(struct pt_regs, ss) == PT_SS, "pt_regs.ss");
_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "pt_regs size");

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->rip;
}

/* Resume the frame at another instruction (an exception-table fixup). */
static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long val)
{
	regs->rip = val;
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
