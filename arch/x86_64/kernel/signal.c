/*
 * x86_64 signal frames: Linux's struct rt_sigframe (asm/signal.h) on the user stack,
 * below the 128-byte red zone, with the FXSAVE image of the FPU after it. The handler
 * returns through sa_restorer (required, as on Linux), which calls rt_sigreturn.
 */
#include <arch.h>
#include <asm/processor.h>
#include <asm/signal.h>
#include <asm/uaccess.h>
#include <asm/unistd.h>
#include <errno.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include "x86.h"

#define RED_ZONE   128 /* the ABI lets leaf code use 128 bytes below rsp */
#define FXSAVE_SIZE 512

/* The rflags bits a user program may set (Linux's FIX_EFLAGS): never IF, IOPL, NT, VM. */
#define USER_EFLAGS (0x1UL | 0x4UL | 0x10UL | 0x40UL | 0x80UL | 0x100UL | 0x400UL | 0x800UL | \
		     0x10000UL | 0x40000UL) /* CF PF AF ZF SF TF DF OF RF AC */

int arch_setup_additional_pages(struct mm_struct *mm)
{
	(void)mm; /* x86_64 returns through the libc's sa_restorer */
	return 0;
}

size_t arch_sigframe_size(void)
{
	return RED_ZONE + FXSAVE_SIZE + 64 + sizeof(struct rt_sigframe) + 16;
}

static void fill_sigcontext(struct sigcontext *sc, const struct pt_regs *regs,
			    const kernel_sigset_t *oldset, unsigned long fpstate)
{
	sc->r8 = regs->r8, sc->r9 = regs->r9, sc->r10 = regs->r10, sc->r11 = regs->r11;
	sc->r12 = regs->r12, sc->r13 = regs->r13, sc->r14 = regs->r14, sc->r15 = regs->r15;
	sc->rdi = regs->rdi, sc->rsi = regs->rsi, sc->rbp = regs->rbp, sc->rbx = regs->rbx;
	sc->rdx = regs->rdx, sc->rax = regs->rax, sc->rcx = regs->rcx;
	sc->rsp = regs->rsp, sc->rip = regs->rip, sc->eflags = regs->rflags;
	sc->cs = (unsigned short)regs->cs;
	sc->ss = (unsigned short)regs->ss;
	sc->err = current->thread.error_code;
	sc->trapno = current->thread.trap_nr;
	sc->cr2 = current->thread.cr2;
	sc->oldmask = oldset->sig[0];
	sc->fpstate = (void *)fpstate;
}

/* The live FPU registers (the task's: arch.h) into the frame's image at buf: 0 or -EFAULT. */
static long fpu_to_user(void __user *buf)
{
	long err;

	if (!access_ok(buf, FXSAVE_SIZE))
		return -EFAULT;
	user_access_begin();
	err = x86_fxsave_user(buf);
	user_access_end();
	return err;
}

/*
 * Load the FPU registers from the image at buf, which sigreturn got from user space: 0,
 * or -EFAULT for an image that cannot be read or that fxrstor64 would refuse (reserved
 * MXCSR bits set; it is checked first so that the registers stay as they were). An image
 * at a 16-byte boundary, as a frame of ours has it, is loaded straight from user memory;
 * one at another address is copied to an aligned buffer first, since fxrstor64 wants the
 * alignment (Intel SDM vol. 2A, FXRSTOR).
 */
static long fpu_from_user(const void __user *buf)
{
	u8 fx[FXSAVE_SIZE] __aligned(16);
	u32 mxcsr;
	long err;

	if (copy_from_user(&mxcsr, (const u8 __user *)buf + 24, sizeof(mxcsr)))
		return -EFAULT; /* MXCSR is at byte 24 of the image */
	if (mxcsr & ~x86_mxcsr_mask)
		return -EFAULT;
	if (!IS_ALIGNED((unsigned long)buf, 16)) {
		if (copy_from_user(fx, buf, FXSAVE_SIZE))
			return -EFAULT;
		__asm__ __volatile__("fxrstor64 %0" : : "m"(fx));
		return 0;
	}
	if (!access_ok(buf, FXSAVE_SIZE))
		return -EFAULT;
	user_access_begin();
	err = x86_fxrstor_user(buf);
	user_access_end();
	return err;
}

int arch_setup_rt_frame(struct ksignal *ksig, const kernel_sigset_t *oldset,
			const stack_t *uc_stack, unsigned long sp, struct pt_regs *regs)
{
	struct rt_sigframe frame;
	unsigned long fpstate;
	struct rt_sigframe __user *uf;

	if (!(ksig->ka.sa_flags & SA_RESTORER))
		return -EFAULT; /* nowhere to return to: Linux gives up the same way */
	if (!uc_stack->ss_size || sp != (unsigned long)uc_stack->ss_sp + uc_stack->ss_size)
		sp -= RED_ZONE; /* not at the fresh top of the alternate stack */
	fpstate = ALIGN_DOWN(sp - FXSAVE_SIZE, 64);
	/* rsp at entry must look like right after a call: 8 bytes off 16-byte alignment. */
	sp = ALIGN_DOWN(fpstate - sizeof(frame), 16) - 8;
	uf = (struct rt_sigframe __user *)sp;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ksig->ka.sa_restorer;
	/* As Linux: sigreturn must give back exactly this ss, unless the frame interrupted
	 * 32-bit code (whose handlers of old may not know of ss in the frame). */
	frame.uc.uc_flags = UC_SIGCONTEXT_SS;
	if (regs->cs == USER_CS)
		frame.uc.uc_flags |= UC_STRICT_RESTORE_SS;
	frame.uc.uc_stack = *uc_stack;
	frame.uc.uc_sigmask = *oldset;
	fill_sigcontext(&frame.uc.uc_mcontext, regs, oldset, fpstate);
	frame.info = ksig->info;
	/* The live FPU registers are the task's: fxsave64 puts them straight in the frame. */
	if (fpu_to_user((void __user *)fpstate) || copy_to_user(uf, &frame, sizeof(frame)))
		return -EFAULT;
	regs->rdi = (unsigned long)ksig->sig;
	regs->rsi = (unsigned long)&uf->info;
	regs->rdx = (unsigned long)&uf->uc;
	regs->rax = 0;
	regs->rsp = sp;
	regs->rip = (unsigned long)ksig->ka.sa_handler;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_TF | 0x10000UL /* RF */);
	return 0;
}

/*
 * The code and stack segments a frame may return to, as Linux's restore_sigcontext()
 * decides them: it forces RPL 3 onto both selectors and lets iret judge them, so a
 * kernel segment (or anything but a user code segment) makes the iret fault and the
 * task die of SIGSEGV; we refuse those here instead (false), since our iretq must not
 * fault. cs may be the 64-bit or the 32-bit user code segment (a frame that interrupted
 * 32-bit code returns there); 32-bit code cannot run above 4 GiB (its segment limit).
 * An ss that is not the user data segment is repaired to it when the frame returns to
 * 64-bit code and does not ask for a strict restore (Linux's force_valid_ss(), for old
 * programs that did not save ss), and refused otherwise.
 */
static bool sigreturn_segments(const struct ucontext *uc, unsigned long *cs, unsigned long *ss)
{
	const struct sigcontext *sc = &uc->uc_mcontext;

	*cs = sc->cs | 3UL;
	*ss = sc->ss | 3UL;
	if (*cs == USER_CS) {
		if (sc->rip >= TASK_SIZE)
			return false; /* iretq to a non-canonical rip would fault in the kernel */
	} else if (*cs == USER32_CS) {
		if (sc->rip > 0xffffffffUL)
			return false;
	} else {
		return false;
	}
	if (*ss != USER_DS) {
		if (*cs != USER_CS || (uc->uc_flags & UC_STRICT_RESTORE_SS))
			return false;
		*ss = USER_DS;
	}
	return true;
}

/*
 * The handler's `ret` popped pretcode, so the frame starts 8 bytes below rsp. A forged
 * frame must not be able to return to ring 0 or with interrupts off: the segments are
 * checked (sigreturn_segments), rflags takes only the user bits. A bad FPU image is
 * refused too: fxrstor with reserved MXCSR bits set would fault in the kernel.
 */
int arch_rt_sigreturn(struct pt_regs *regs, kernel_sigset_t *mask, stack_t *stack)
{
	struct rt_sigframe frame;
	const struct sigcontext *sc = &frame.uc.uc_mcontext;
	unsigned long cs, ss;

	if (copy_from_user(&frame, (void __user *)(regs->rsp - 8), sizeof(frame)))
		return -EFAULT;
	if (!sigreturn_segments(&frame.uc, &cs, &ss))
		return -EFAULT;
	if (sc->fpstate) {
		if (fpu_from_user(sc->fpstate))
			return -EFAULT;
	} else {
		arch_fpu_init_state(current);
	}
	regs->r8 = sc->r8, regs->r9 = sc->r9, regs->r10 = sc->r10, regs->r11 = sc->r11;
	regs->r12 = sc->r12, regs->r13 = sc->r13, regs->r14 = sc->r14, regs->r15 = sc->r15;
	regs->rdi = sc->rdi, regs->rsi = sc->rsi, regs->rbp = sc->rbp, regs->rbx = sc->rbx;
	regs->rdx = sc->rdx, regs->rax = sc->rax, regs->rcx = sc->rcx;
	regs->rsp = sc->rsp, regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~USER_EFLAGS) | (sc->eflags & USER_EFLAGS) | X86_EFLAGS_IF;
	regs->cs = cs;
	regs->ss = ss;
	*mask = frame.uc.uc_sigmask;
	*stack = frame.uc.uc_stack;
	return 0;
}

bool arch_in_syscall(const struct pt_regs *regs)
{
	return regs->vector == X86_SYSCALL_VECTOR;
}

long arch_syscall_return_value(const struct pt_regs *regs)
{
	return (long)regs->rax;
}

void arch_syscall_restart(struct pt_regs *regs)
{
	regs->rax = regs->error; /* the number again (orig_ax) */
	regs->rip -= 2;          /* `syscall` is two bytes */
}

void arch_syscall_restart_block(struct pt_regs *regs)
{
	regs->rax = __NR_restart_syscall;
	regs->rip -= 2;
}

void arch_syscall_forget(struct pt_regs *regs)
{
	regs->vector = ~0UL; /* no longer a system call's frame */
}
