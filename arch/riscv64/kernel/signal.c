/*
 * riscv64 signal frames: Linux's struct rt_sigframe (asm/signal.h) on the user stack,
 * and the trampoline page that returns from a handler (Linux's vDSO __vdso_rt_sigreturn).
 */
#include <arch.h>
#include <asm/csr.h>
#include <asm/signal.h>
#include <asm/uaccess.h>
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

/*
 * The first 32 slots of pt_regs (epc, then x1-x31) are laid out as user_regs_struct
 * (pc, ra, sp, ...): the frame's registers are copied to and from regs in one piece.
 */
_Static_assert(offsetof(struct pt_regs, epc) == offsetof(struct user_regs_struct, pc) &&
	       offsetof(struct pt_regs, ra) == offsetof(struct user_regs_struct, ra) &&
	       offsetof(struct pt_regs, t6) == offsetof(struct user_regs_struct, t6),
	       "pt_regs starts as user_regs_struct");

_Static_assert(sizeof(struct __riscv_d_ext_state) == 33 * sizeof(u64), "f0-f31, fcsr, padding");
_Static_assert(offsetof(struct __riscv_q_ext_state, fcsr) + 16 == sizeof(struct __riscv_q_ext_state), "q.fcsr, then 12 bytes");

/* The part of the ucontext before its padding, written and read in one copy. */
struct uc_head {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	kernel_sigset_t uc_sigmask;
};
_Static_assert(sizeof(struct uc_head) == offsetof(struct ucontext, __unused), "ucontext head");

/* The live FP registers (the task's: arch.h) into a frame's D state: 0 or -EFAULT. */
static long fpu_to_user(struct __riscv_d_ext_state __user *d)
{
	long err;

	if (!access_ok(d, sizeof(*d)))
		return -EFAULT;
	csr_set(sstatus, SSTATUS_FS);
	user_access_begin();
	err = riscv_fpu_save_user(d);
	user_access_end();
	return err;
}

/* Load the FP registers from a frame's D state (fcsr: frm and fflags): 0 or -EFAULT. */
static long fpu_from_user(const struct __riscv_d_ext_state __user *d)
{
	long err;

	if (!access_ok(d, sizeof(*d)))
		return -EFAULT;
	csr_set(sstatus, SSTATUS_FS);
	user_access_begin();
	err = riscv_fpu_restore_user(d);
	user_access_end();
	return err;
}

/*
 * Linux writes only the parts of the frame that mean something, straight to the user
 * stack (arch/riscv/kernel/signal.c): siginfo, the ucontext's head, the registers, the
 * D extension's state (f0-f31, fcsr) and, after the FP area, a zero reserved word and
 * an empty END header for extensions (riscv64's __riscv_extra_ext_header). The rest
 * (the sigset padding, the unused half of the Q area) keeps whatever the stack held.
 */
int arch_setup_rt_frame(struct ksignal *ksig, const kernel_sigset_t *oldset,
			const stack_t *uc_stack, unsigned long sp, struct pt_regs *regs)
{
	struct rt_sigframe __user *uf;
	struct sigcontext __user *sc;
	struct uc_head head = { .uc_stack = *uc_stack, .uc_sigmask = *oldset };
	/* From q.fcsr to the end: q.fcsr is padding to Linux, then the reserved word
	 * and the END header (magic and size, both 0). 16 aligned bytes, two stores. */
	static const u32 ext_end[4];

	sp = ALIGN_DOWN(sp - sizeof(*uf), 16);
	uf = (struct rt_sigframe __user *)sp;
	sc = &uf->uc.uc_mcontext;
	if (copy_to_user(&uf->info, &ksig->info, sizeof(uf->info)) ||
	    copy_to_user(&uf->uc, &head, sizeof(head)) ||
	    copy_to_user(&sc->sc_regs, regs, sizeof(sc->sc_regs)) ||
	    fpu_to_user(&sc->sc_fpregs.d) ||
	    copy_to_user(&sc->sc_fpregs.q.fcsr, ext_end, sizeof(ext_end)))
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
 * SPIE, SUM clear) stays the kernel's own; a wild pc or sp only faults in user mode. As
 * on Linux the registers are read straight into regs: if a later part of the frame
 * cannot be read, the task gets SIGSEGV with some of them already restored.
 */
int arch_rt_sigreturn(struct pt_regs *regs, kernel_sigset_t *mask, stack_t *stack)
{
	const struct rt_sigframe __user *uf = (const struct rt_sigframe __user *)regs->sp;
	const struct sigcontext __user *sc = &uf->uc.uc_mcontext;
	struct uc_head head;

	if (copy_from_user(&head, &uf->uc, sizeof(head)) ||
	    copy_from_user(regs, &sc->sc_regs, sizeof(sc->sc_regs)) ||
	    fpu_from_user(&sc->sc_fpregs.d))
		return -EFAULT;
	*mask = head.uc_sigmask;
	*stack = head.uc_stack;
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
