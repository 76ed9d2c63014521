/* Fatal signals and the way back to user mode (see signal.h). */
#include <arch.h>
#include <asm/ptrace.h>
#include <kernel/exit.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <uapi/abi.h>

const char *signal_name(int sig)
{
	static const char *const names[] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
		[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
		[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV",
		[SIGUSR2] = "SIGUSR2", [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",
		[SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
		[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP",
	};

	if (sig > 0 && sig < (int)ARRAY_SIZE(names) && names[sig])
		return names[sig];
	return "signal";
}

void send_fatal_signal(struct task *t, int sig)
{
	if (!t->fatal_signal)
		t->fatal_signal = sig;
	wake_up_task(t);
}

void user_fault_kill(struct pt_regs *regs, int sig, const char *what, unsigned long addr,
		     unsigned long error)
{
	printk("%s[%d]: %s at %lx ip %lx sp %lx error %lx\n", current->name, current->pid, what,
	       addr, instruction_pointer(regs), user_stack_pointer(regs), error);
	send_fatal_signal(current, sig);
}

void exit_to_user_mode(struct pt_regs *regs)
{
	(void)regs;
	for (;;) {
		if (current->fatal_signal)
			do_exit(current->fatal_signal); /* wait status: killed by that signal */
		if (!current->need_resched)
			return;
		schedule();
	}
}
