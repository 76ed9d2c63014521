/* x86_64 task state: a new task's kernel stack, and user-mode register frames. */
#include <arch.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kernel/task.h>
#include <lib/string.h>
#include "x86.h"

extern char ret_from_fork[];

#define SWITCH_REGS 6 /* rbp rbx r12 r13 r14 r15, pushed by arch_switch_context */

/*
 * The switch frame (switch.S): ret_from_fork, the six callee-saved registers, then ds, es,
 * fs, gs, the FS base and the GS base. The new task starts with the data selectors and
 * bases of the task creating it (fork's child has its parent's, as on Linux).
 */
unsigned long arch_init_kstack(unsigned long kstack_top)
{
	unsigned long *sp = (unsigned long *)(kstack_top - sizeof(struct pt_regs));
	unsigned int ds, es, fs, gs;

	__asm__ __volatile__("movl %%ds, %0\n\tmovl %%es, %1\n\tmovl %%fs, %2\n\tmovl %%gs, %3"
			     : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs));
	*--sp = (unsigned long)ret_from_fork; /* where arch_switch_context's ret goes */
	for (int i = 0; i < SWITCH_REGS; i++)
		*--sp = 0;
	*--sp = ds;
	*--sp = es;
	*--sp = fs;
	*--sp = gs;
	*--sp = rdmsr(MSR_FS_BASE);
	*--sp = rdmsr(MSR_GS_BASE);
	return (unsigned long)sp;
}

/* The FS base's slot in t's switch frame (see arch_init_kstack). */
#define SWITCH_FRAME_FS_BASE 1

void arch_set_tls(struct task *t, unsigned long tls)
{
	((unsigned long *)t->ksp)[SWITCH_FRAME_FS_BASE] = tls;
}

void arch_task_switched(struct task *next)
{
	/* Traps from user mode switch to TSS.rsp0; the syscall entry reads the same value. */
	x86_set_kernel_stack(next->kstack_top);
}

void arch_start_user(struct pt_regs *regs, unsigned long entry, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->rip = entry;
	regs->rsp = sp;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags = X86_EFLAGS_IF | 0x2; /* interrupts on; bit 1 is always set */
	/* exec: the old program's data selectors go too (Linux's start_thread() zeroes them).
	 * A task not yet running gets its own from arch_init_kstack(). */
	if (regs == task_pt_regs(current)) {
		__asm__ __volatile__("movl %0, %%ds\n\tmovl %0, %%es\n\tmovl %0, %%fs\n\tmovl %0, %%gs"
				     : : "r"(0));
		wrmsr(MSR_FS_BASE, 0); /* and the bases (a null selector may leave them) */
		wrmsr(MSR_GS_BASE, 0);
	}
}

void arch_set_return_value(struct pt_regs *regs, long value)
{
	regs->rax = (unsigned long)value;
}

void arch_set_user_sp(struct pt_regs *regs, unsigned long sp)
{
	regs->rsp = sp;
}
