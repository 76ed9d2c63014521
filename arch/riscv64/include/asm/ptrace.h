/*
 * struct pt_regs: the registers a trap saves on the kernel stack (arch/riscv64/kernel/
 * entry.S builds it). Slot n holds register xn, so PT_REG(n) is its offset; slot 0 (x0 is
 * always zero) holds sepc instead. The offsets below are the only layout the assembly
 * knows; the _Static_asserts keep the C struct in step with them.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define PT_REG(n)   ((n) * 8)
#define PT_EPC      PT_REG(0)
#define PT_RA       PT_REG(1)
#define PT_SP       PT_REG(2)
#define PT_STATUS   PT_REG(32)
#define PT_BADADDR  PT_REG(33)
#define PT_CAUSE    PT_REG(34)
#define PT_ORIG_A0  PT_REG(35)
#define PT_SIZE     PT_REG(36) /* 35 slots, rounded up so sp stays 16-byte aligned */

#ifndef __ASSEMBLER__

#include <stddef.h>

struct pt_regs {
	unsigned long epc;     /* sepc: the trapping instruction (exceptions) or the next one */
	unsigned long ra;      /* x1 */
	unsigned long sp;      /* x2: the stack pointer before the trap */
	unsigned long gp;      /* x3 */
	unsigned long tp;      /* x4 */
	unsigned long t0, t1, t2;  /* x5-x7 */
	unsigned long s0, s1;      /* x8-x9; s0 is the frame pointer */
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7; /* x10-x17 */
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11; /* x18-x27 */
	unsigned long t3, t4, t5, t6; /* x28-x31 */
	unsigned long status;  /* sstatus: SPP says which mode trapped, SPIE the old SIE */
	unsigned long badaddr; /* stval: the faulting address for page faults */
	unsigned long cause;   /* scause: CAUSE_INTERRUPT | code, see asm/csr.h */
	unsigned long orig_a0; /* a system call's first argument (a0 gets the result) */
};

_Static_assert(offsetof(struct pt_regs, epc) == PT_EPC, "pt_regs.epc");
_Static_assert(offsetof(struct pt_regs, ra) == PT_RA, "pt_regs.ra");
_Static_assert(offsetof(struct pt_regs, sp) == PT_SP, "pt_regs.sp");
_Static_assert(offsetof(struct pt_regs, s0) == PT_REG(8), "pt_regs.s0");
_Static_assert(offsetof(struct pt_regs, a0) == PT_REG(10), "pt_regs.a0");
_Static_assert(offsetof(struct pt_regs, t6) == PT_REG(31), "pt_regs.t6");
_Static_assert(offsetof(struct pt_regs, status) == PT_STATUS, "pt_regs.status");
_Static_assert(offsetof(struct pt_regs, badaddr) == PT_BADADDR, "pt_regs.badaddr");
_Static_assert(offsetof(struct pt_regs, cause) == PT_CAUSE, "pt_regs.cause");
_Static_assert(offsetof(struct pt_regs, orig_a0) == PT_ORIG_A0, "pt_regs.orig_a0");
_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "pt_regs size");

/* The instruction pointer and stack pointer of a frame, in generic code's words. */
static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->epc;
}

/* Resume the frame at another instruction (an exception-table fixup). */
static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long val)
{
	regs->epc = val;
}

static inline unsigned long user_stack_pointer(const struct pt_regs *regs)
{
	return regs->sp;
}

/* Did the trap come from user mode? (sstatus.SPP = 0) */
static inline int user_mode(const struct pt_regs *regs)
{
	return !(regs->status & (1UL << 8));
}

#endif
#endif
