/*
 * riscv64 signal frames: Linux's struct rt_sigframe (asm/signal.h) on the user stack,
 * and the trampoline page that returns from a handler (Linux's vDSO __vdso_rt_sigreturn).
 */
#include <arch.h>
#include <asm/csr.h>
#include <asm/signal.h>
#include <asm/unistd.h>
#include <errno.h>
#include <stddef.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include "riscv.h"


/* The trampoline's address in every process: a page right above mmap()'s area. */
#define SIGRETURN_TRAMPOLINE(mm) ((mm)->mmap_base)

int arch_setup_additional_pages(struct mm_struct *mm)
{
	/* li a7, __NR_rt_sigreturn (addi a7, zero, 139); ecall (RISC-V unprivileged spec 2.4, 2.8) */
	static const u32 code[] = { 0x00000893 | (__NR_rt_sigreturn << 20), 0x00000073 };
	unsigned long at = SIGRETURN_TRAMPOLINE(mm);
	int err = mmap_region(mm, at, PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0);

	/* Written while writable, then made read+execute: W^X holds for user pages too. */
	if (!err)
		err = copy_to_mm(mm, at, code, sizeof(code));
	if (!err)
		err = mm_protect(mm, at, PAGE_SIZE, VM_READ | VM_EXEC);
	return err;
}

size_t arch_sigframe_size(void)
{
	return sizeof(struct rt_sigframe) + 16;
}

/* x1-x31 of regs are in the same order as pc, ra, ... in user_regs_struct (after pc). */
static void regs_to_user_regs(const struct pt_regs *regs, struct user_regs_struct *u)
{
	u->pc = regs->epc;
	memcpy(&u->ra, &regs->ra, 31 * sizeof(unsigned long));
}

int arch_setup_rt_frame(struct ksignal *ksig, const kernel_sigset_t *oldset,
			const stack_t *uc_stack, unsigned long sp, struct pt_regs *regs)
{
	struct rt_sigframe frame;
	u64 fp[33]; /* f0-f31, fcsr */

	sp = ALIGN_DOWN(sp - sizeof(frame), 16);

	memset(&frame, 0, sizeof(frame));
	frame.info = ksig->info;
	frame.uc.uc_stack = *uc_stack;
	frame.uc.uc_sigmask = *oldset;
	regs_to_user_regs(regs, &frame.uc.uc_mcontext.sc_regs);
	csr_set(sstatus, SSTATUS_FS);
	riscv_fpu_save(fp);
	memcpy(frame.uc.uc_mcontext.sc_fpregs.d.f, fp, 32 * sizeof(u64));
	frame.uc.uc_mcontext.sc_fpregs.d.fcsr = (u32)fp[32];
	if (copy_to_user((void __user *)sp, &frame, sizeof(frame)))
		return -EFAULT;
	/* Enter the handler as a call: handler(sig, &info, &uc), returning to the trampoline. */
	regs->epc = (unsigned long)ksig->ka.sa_handler;
	regs->ra = SIGRETURN_TRAMPOLINE(current->mm);
	regs->sp = sp;
	regs->a0 = (unsigned long)ksig->sig;
	regs->a1 = sp + offsetof(struct rt_sigframe, info);
	regs->a2 = sp + offsetof(struct rt_sigframe, uc);
	return 0;
}

/*
 * The frame lies at sp (the handler returned with the sp it was given). Nothing in it
 * can raise privilege: riscv64's frame holds no status register, so sstatus (SPP = user,
 * SPIE, SUM clear) stays the kernel's own; a wild pc or sp only faults in user mode.
 */
int arch_rt_sigreturn(struct pt_regs *regs, kernel_sigset_t *mask, stack_t *stack)
{
	struct rt_sigframe frame;
	const struct user_regs_struct *u = &frame.uc.uc_mcontext.sc_regs;
	u64 fp[33];

	if (copy_from_user(&frame, (void __user *)regs->sp, sizeof(frame)))
		return -EFAULT;
	regs->epc = u->pc;
	memcpy(&regs->ra, &u->ra, 31 * sizeof(unsigned long));
	memcpy(fp, frame.uc.uc_mcontext.sc_fpregs.d.f, 32 * sizeof(u64));
	fp[32] = frame.uc.uc_mcontext.sc_fpregs.d.fcsr & 0xff; /* fcsr: frm and fflags only */
	csr_set(sstatus, SSTATUS_FS);
	riscv_fpu_restore(fp);
	*mask = frame.uc.uc_sigmask;
	*stack = frame.uc.uc_stack;
	return 0;
}

bool arch_in_syscall(const struct pt_regs *regs)
{
	return regs->cause == EXC_ECALL_U;
}

long arch_syscall_return_value(const struct pt_regs *regs)
{
	return (long)regs->a0;
}

void arch_syscall_restart(struct pt_regs *regs)
{
	regs->a0 = regs->orig_a0;
	regs->epc -= 4; /* the ecall again */
}

void arch_syscall_restart_block(struct pt_regs *regs)
{
	regs->a7 = __NR_restart_syscall;
	regs->epc -= 4;
}

void arch_syscall_forget(struct pt_regs *regs)
{
	regs->cause = ~0UL; /* no exception has this code */
}
