/*
 * Signal delivery, on every return to user mode (see signal.h). One signal at a time:
 * after a handler's frame is built, exit_to_user_mode() looks again, so further pending
 * signals nest their frames on top, as on Linux.
 */
#include <arch.h>
#include <asm/ptrace.h>
#include <errno.h>
#include <kernel/exit.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/time.h>
#include <lib/string.h>
#include <mm/tlbflush.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

void notify_parent(struct task *t, int why, int status)
{
	struct task *parent = t->parent;
	struct kernel_sigaction *ka;
	siginfo_t info;

	if (!parent || !parent->sighand)
		return;
	wake_up(&parent->child_exit); /* wait4() looks at stops and continues too */
	ka = &parent->sighand->action[SIGCHLD - 1];
	if (why != CLD_EXITED && why != CLD_KILLED && (ka->sa_flags & SA_NOCLDSTOP))
		return;
	memset(&info, 0, sizeof(info));
	/* Stops and continues always say SIGCHLD; an exit says the exit signal (0: none). */
	info.si_signo = (why == CLD_EXITED || why == CLD_KILLED) ? t->exit_signal : SIGCHLD;
	if (!info.si_signo)
		return;
	info.si_code = why;
	info.si_pid = t->pid;
	info.si_status = status;
	send_signal(info.si_signo, &info, parent);
}

/*
 * The default action "stop": the whole process stops (every other thread is asked to, and
 * stops on its way back to user mode), the parent hears of it once, through the group
 * leader; then sleep until SIGCONT (or die of SIGKILL).
 */
static void do_signal_stop(int sig)
{
	struct task *leader = current->group_leader, *thread;

	spin_lock(&current->sighand->siglock); /* interrupts are off */
	for_each_thread(current, thread) {
		if (thread == current || thread->state == TASK_ZOMBIE)
			continue;
		thread->jobctl_stop = true;
		if (thread->state == TASK_SLEEPING)
			wake_up_task(thread);
	}
	spin_unlock(&current->sighand->siglock);
	current->state = TASK_STOPPED;
	leader->stop_report = (sig << 8) | 0x7f;
	leader->continued_report = false;
	notify_parent(leader, CLD_STOPPED, sig);
	schedule(); /* interrupts are off: nothing can slip in before we are off the CPU */
}

/*
 * Pick the next signal to act on. Default actions are carried out here (ignore, stop,
 * terminate); for a handler, fill *ksig and return true. Interrupts off; the siglock is
 * held while a signal is taken and its action read, not while the action is carried out.
 */
static bool get_signal(struct ksignal *ksig)
{
	spinlock_t *siglock = &current->sighand->siglock;

	for (;;) {
		struct kernel_sigaction *ka;
		int sig;

		if (current->jobctl_stop && !fatal_signal_pending(current)) {
			/* Another thread stopped the process: stop with it. */
			current->jobctl_stop = false;
			current->state = TASK_STOPPED;
			schedule();
			continue;
		}
		current->jobctl_stop = false;
		spin_lock(siglock);
		/* Our own signals first, then the process's; in each, SIGKILL first, then faults
		 * (Linux's SYNCHRONOUS_MASK), then the lowest number. */
		sig = next_pending_signal(current, ~current->blocked.sig[0]);
		if (!sig) {
			spin_unlock(siglock);
			return false;
		}
		dequeue_signal(current, sig, &ksig->info);
		ka = &current->sighand->action[sig - 1];
		if (ka->sa_handler == SIG_IGN) {
			spin_unlock(siglock);
			continue;
		}
		if (ka->sa_handler != SIG_DFL) {
			ksig->sig = sig;
			ksig->ka = *ka;
			if (ka->sa_flags & SA_RESETHAND)
				ka->sa_handler = SIG_DFL;
			spin_unlock(siglock);
			return true;
		}
		spin_unlock(siglock);
		if (sig_default_ignored(sig))
			continue; /* default: ignore */
		if (sig_kernel_stop(sig)) {
			do_signal_stop(sig);
			continue;
		}
		do_group_exit(sig); /* default: terminate the process; wait status = the signal */
	}
}

/* A system call was interrupted: -EINTR or restart, by Linux's rules. */
static void handle_syscall_restart(struct pt_regs *regs, const struct ksignal *ksig)
{
	long ret;

	if (!arch_in_syscall(regs))
		return;
	ret = arch_syscall_return_value(regs);
	arch_syscall_forget(regs); /* decide once, even if more signals follow */
	switch (ret) {
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		if (ksig) {
			arch_set_return_value(regs, -EINTR);
			return;
		}
		if (ret == -ERESTART_RESTARTBLOCK) {
			arch_syscall_restart_block(regs);
			return;
		}
		break;
	case -ERESTARTSYS:
		if (ksig && !(ksig->ka.sa_flags & SA_RESTART)) {
			arch_set_return_value(regs, -EINTR);
			return;
		}
		break;
	case -ERESTARTNOINTR:
		break;
	default:
		return; /* finished normally */
	}
	arch_syscall_restart(regs);
}

/*
 * Where the frame goes: the alternate stack if asked for and not already on it. 0 if a
 * frame on the alternate stack would run off its bottom (Linux: "overflowed sigaltstack"),
 * which kills with SIGSEGV rather than scribbling below it.
 */
static unsigned long frame_sp(const struct ksignal *ksig, struct pt_regs *regs)
{
	unsigned long sp = user_stack_pointer(regs);
	const stack_t *ss = &current->altstack;
	bool onstack = on_sig_stack(sp);

	if ((ksig->ka.sa_flags & SA_ONSTACK) && ss->ss_size && !onstack) {
		sp = (unsigned long)ss->ss_sp + ss->ss_size;
		onstack = true;
	}
	if (onstack && sp - (unsigned long)ss->ss_sp < arch_sigframe_size())
		return 0;
	return sp;
}

/* Build the handler's frame and switch regs to it; SIGSEGV if the frame cannot be written. */
static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	kernel_sigset_t old = current->restore_sigmask ? current->saved_sigmask : current->blocked;
	kernel_sigset_t blocked;
	stack_t uc_stack = current->altstack; /* as stored, raw flags (Linux's __save_altstack) */

	unsigned long sp = frame_sp(ksig, regs);

	if (!sp || arch_setup_rt_frame(ksig, &old, &uc_stack, sp, regs)) {
		/*
		 * Linux's force_sigsegv(): the stack is unusable. If it was SIGSEGV's own frame
		 * that failed, its handler can never run: back to the default, which kills.
		 */
		if (ksig->sig == SIGSEGV)
			current->sighand->action[SIGSEGV - 1].sa_handler = SIG_DFL;
		force_sig(SIGSEGV);
		return;
	}
	current->restore_sigmask = false;
	if (current->altstack.ss_flags & SS_AUTODISARM) { /* the frame keeps it for sigreturn */
		current->altstack.ss_flags = SS_DISABLE;
		current->altstack.ss_sp = NULL;
		current->altstack.ss_size = 0;
	}
	blocked.sig[0] = current->blocked.sig[0] | ksig->ka.sa_mask.sig[0];
	if (!(ksig->ka.sa_flags & SA_NODEFER))
		blocked.sig[0] |= sigmask(ksig->sig);
	set_current_blocked(&blocked);
}

/* Did an interrupted system call leave a -ERESTART* code behind? */
static bool restart_pending(const struct pt_regs *regs)
{
	long ret = arch_in_syscall(regs) ? arch_syscall_return_value(regs) : 0;

	return ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND ||
	       ret == -ERESTART_RESTARTBLOCK;
}

void exit_to_user_mode(struct pt_regs *regs)
{
	struct ksignal ksig;

	for (;;) {
		/* About the CPU: from the last look at need_resched and the pending signals
		 * to the return to user mode, nothing may slip in (Linux's exit_to_user_mode
		 * loop runs with interrupts off too). */
		arch_irq_disable();
		if (current->need_resched) {
			schedule();
			continue;
		}
		/* Also when the signal that interrupted a call is gone again (SIGCONT can take a
		 * pending SIGSTOP away): a -ERESTART* code must never reach user space. */
		if (!signal_pending_current() && !current->restore_sigmask && !restart_pending(regs))
			break;
		if (get_signal(&ksig)) {
			handle_syscall_restart(regs, &ksig);
			handle_signal(&ksig, regs);
			continue; /* another pending signal nests its frame on top */
		}
		handle_syscall_restart(regs, NULL);
		if (current->restore_sigmask) {
			current->restore_sigmask = false;
			set_current_blocked(&current->saved_sigmask);
		}
		break;
	}
	/* Returning to user mode with a system call still to be restarted is fine: the
	 * restart is just the same instruction again. */
	debug_tlb_check_user_return();
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	kernel_sigset_t mask;
	stack_t stack;

	if (arch_rt_sigreturn(regs, &mask, &stack)) {
		force_sig(SIGSEGV); /* a frame we cannot read or must not trust: the forger dies */
		return 0;
	}
	/*
	 * From here on restart_syscall() resumes nothing (Linux's do_no_restart_syscall):
	 * the registers are the frame's now, and the call whose restart block this was has
	 * returned (-EINTR, before the handler ran). Left set, a later restart_syscall()
	 * would go back into that finished call. (Inside the handler it still resumes it,
	 * as on Linux.)
	 */
	current->restart_block.fn = NULL;
	set_current_blocked(&mask);
	do_sigaltstack(&stack, user_stack_pointer(regs)); /* as Linux: errors ignored */
	arch_syscall_forget(regs); /* the restored registers are not a system call's */
	return arch_syscall_return_value(regs); /* leave the restored a0/rax as it is */
}

long sys_restart_syscall(void)
{
	struct restart_block *rb = &current->restart_block;

	return rb->fn ? rb->fn(rb) : -EINTR; /* nothing to resume: Linux's -EINTR too */
}
