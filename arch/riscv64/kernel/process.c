/* riscv64 task state: a new task's kernel stack, and user-mode register frames. */
#include <arch.h>
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <kernel/task.h>
#include <lib/string.h>

extern char ret_from_fork[];
extern const unsigned long arch_switch_frame_size;

unsigned long arch_init_kstack(unsigned long kstack_top)
{
	unsigned long sp = kstack_top - sizeof(struct pt_regs) - arch_switch_frame_size;
	unsigned long *frame = (unsigned long *)sp;

	memset(frame, 0, arch_switch_frame_size);
	frame[0] = (unsigned long)ret_from_fork; /* ra: where arch_switch_context returns */
	return sp;
}

void arch_set_tls(struct task *t, unsigned long tls)
{
	task_pt_regs(t)->tp = tls; /* x4, the thread pointer of the psABI: user state only */
}

void arch_task_switched(struct task *next)
{
	(void)next; /* the trap entry finds the kernel stack through sscratch, set on return */
}

void arch_start_user(struct pt_regs *regs, unsigned long entry, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->epc = entry;
	regs->sp = sp;
	/* sret goes to U-mode (SPP = 0) with interrupts on (SPIE = 1), no user access (SUM). */
	regs->status = (csr_read(sstatus) & ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_SUM | SSTATUS_FS)) | SSTATUS_FS_INITIAL |
		       SSTATUS_SPIE;
}

void arch_set_return_value(struct pt_regs *regs, long value)
{
	regs->a0 = (unsigned long)value;
}

void arch_set_user_sp(struct pt_regs *regs, unsigned long sp)
{
	regs->sp = sp;
}
