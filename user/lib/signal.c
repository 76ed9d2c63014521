/*
 * Signals: installing handlers, masks, sending, the alternate stack. Every call here is
 * one Linux system call with sigsetsize = sizeof(sigset_t) = 8.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <signal_arch.h>
#include "syscall.h"

_Static_assert(sizeof(sigset_t) == 8, "the kernel's sigset: one bit per signal 1..64");

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct sigaction_buf kact, kold;
	long r;

	memset(&kact, 0, sizeof(kact));
	memset(&kold, 0, sizeof(kold));
	if (act) {
		kact.ka.sa_handler = (void *)act->sa_handler;
		kact.ka.sa_flags = act->sa_flags;
		kact.ka.sa_mask = act->sa_mask;
		arch_sigaction_prepare(&kact);
	}
	r = syscall_ret(__NR_rt_sigaction, sig, act ? &kact : NULL, old ? &kold : NULL,
			sizeof(sigset_t), 0, 0);
	if (r == 0 && old) {
		old->sa_handler = (sighandler_t)kold.ka.sa_handler;
		old->sa_flags = kold.ka.sa_flags;
		old->sa_mask = kold.ka.sa_mask;
	}
	return (int)r;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART }, old;

	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return (int)syscall_ret(__NR_rt_sigprocmask, how, set, old, sizeof(sigset_t), 0, 0);
}

int sigpending(sigset_t *set)
{
	return (int)syscall_ret(__NR_rt_sigpending, set, sizeof(sigset_t), 0, 0, 0, 0);
}

int sigsuspend(const sigset_t *mask)
{
	return (int)syscall_ret(__NR_rt_sigsuspend, mask, sizeof(sigset_t), 0, 0, 0, 0);
}

/* x86_64 has Linux's old pause system call; riscv64 (like every newer arch) has only
 * rt_sigsuspend, which does the same with the mask we pass: the current one. */
int pause(void)
{
#ifdef __NR_pause
	return (int)syscall_ret(__NR_pause, 0, 0, 0, 0, 0, 0);
#else
	sigset_t mask;

	if (sigprocmask(SIG_BLOCK, NULL, &mask) < 0)
		return -1;
	return sigsuspend(&mask);
#endif
}

int kill(pid_t pid, int sig)
{
	return (int)syscall_ret(__NR_kill, pid, sig, 0, 0, 0, 0);
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
	return (int)syscall_ret(__NR_tgkill, tgid, tid, sig, 0, 0, 0);
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
	return (int)syscall_ret(__NR_rt_sigtimedwait, set, info, timeout, sizeof(sigset_t), 0, 0);
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, NULL);
}

int sigqueue(pid_t pid, int sig, const union sigval value)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_QUEUE;
	info.si_pid = getpid();
	info.si_uid = 0; /* no getuid() here; the kernel does not check it */
	info.si_value = value;
	return (int)syscall_ret(__NR_rt_sigqueueinfo, pid, sig, &info, 0, 0, 0);
}

/* To this thread only, as POSIX says (glibc does the same). The kernel delivers an
 * unblocked signal sent to oneself before the system call returns. */
int raise(int sig)
{
	return tgkill(getpid(), gettid(), sig);
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
	return (int)syscall_ret(__NR_sigaltstack, ss, old, 0, 0, 0, 0);
}

static const char *const names[] = {
	[SIGHUP] = "SIGHUP",   [SIGINT] = "SIGINT",   [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL",   [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS",   [SIGFPE] = "SIGFPE",   [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP",
	[SIGTSTP] = "SIGTSTP",
};

const char *signal_name(int sig)
{
	if (sig <= 0 || sig >= (int)(sizeof(names) / sizeof(names[0])))
		return NULL;
	return names[sig];
}
