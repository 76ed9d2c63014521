/*
 * The system calls that send signals (see signal.h): kill(), tkill(), tgkill(),
 * rt_sigqueueinfo() and rt_tgsigqueueinfo(), with Linux's rules for whom they reach and
 * Linux's order of errors.
 */
#include <errno.h>
#include <kernel/pgrp.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

/* The siginfo of kill() and tgkill(): SI_USER / SI_TKILL with the sender's pid. */
static void kill_info(siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->si_pid = current->tgid;
	info->si_uid = 0;
}

/*
 * Send sig with info to t, which exists (Linux's group_send_sig_info): -EINVAL for a
 * number outside 0..64, which is checked only once the target is found (so a missing
 * target is -ESRCH, whatever sig is); signal 0 only says the target exists (a zombie
 * does, until reaped).
 */
static long send_checked(int sig, const siginfo_t *info, struct task *t)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (sig == 0)
		return 0;
	return send_signal(sig, info, t);
}

/* The same to thread t alone. */
static long send_checked_thread(int sig, const siginfo_t *info, struct task *t)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (sig == 0)
		return 0;
	return send_signal_thread(sig, info, t);
}

/* The task with id pid (any thread: kill() with a thread's id reaches its process, as on
 * Linux), or NULL. Ids are positive. */
static struct task *find_process(int pid)
{
	return pid > 0 ? find_task(pid) : NULL;
}

/*
 * kill(-1, sig): every process but init and the caller (Linux's kill_something_info).
 * -ESRCH if there is none; else the last error (0 if none).
 */
static long kill_every_process(int sig, const siginfo_t *info)
{
	struct task *t = NULL;
	long err = 0;
	int count = 0;

	while ((t = task_next(t)) != NULL) {
		if (t != t->group_leader || t->tgid <= 1 || t->tgid == current->tgid)
			continue; /* once per process */
		err = send_checked(sig, info, t); /* Linux keeps the last answer */
		count++;
	}
	return count ? err : -ESRCH;
}

/*
 * kill(0, sig) and kill(-pgid, sig): every process in group pgid, the caller too if it is
 * in it (Linux's __kill_pgrp_info): 0 if the signal reached any of them, else the last
 * error; -ESRCH if the group is empty.
 */
static long kill_process_group(int pgid, int sig, const siginfo_t *info)
{
	struct task *t = NULL;
	long err = -ESRCH;
	bool sent = false;

	while ((t = task_next(t)) != NULL) {
		if (t != t->group_leader || t->signal->pgid != pgid)
			continue; /* once per process */
		err = send_checked(sig, info, t);
		sent |= !err;
	}
	return sent ? 0 : err;
}

long sys_kill(int pid, int sig)
{
	siginfo_t info;

	kill_info(&info, sig, SI_USER);
	if (pid > 0) {
		struct task *t = find_process(pid);

		return t ? send_checked(sig, &info, t) : -ESRCH;
	}
	if (pid == -1)
		return kill_every_process(sig, &info);
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH; /* INT_MIN: Linux's answer, since -INT_MIN does not exist */
	return kill_process_group(pid ? -pid : current->signal->pgid, sig, &info);
}

/* tgkill() and tkill(): thread tid, if it is in process tgid (tgid 0: any). */
static long kill_thread(int tgid, int tid, int sig)
{
	struct task *t = find_process(tid);
	siginfo_t info;

	/* An exited thread is gone at once; a process's leader lingers until reaped. */
	if (!t || (tgid && t->tgid != tgid) || (t->state == TASK_ZOMBIE && t != t->group_leader))
		return -ESRCH;
	kill_info(&info, sig, SI_TKILL);
	return send_checked_thread(sig, &info, t);
}

long sys_tgkill(int tgid, int tid, int sig)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return kill_thread(tgid, tid, sig);
}

long sys_tkill(int tid, int sig)
{
	if (tid <= 0)
		return -EINVAL;
	return kill_thread(0, tid, sig);
}

/*
 * The siginfo rt_sigqueueinfo() and rt_tgsigqueueinfo() send, from user memory. The
 * sender chooses si_code and the fields, but (Linux's rule) may not pretend to be the
 * kernel or kill()/tgkill() (si_code >= 0, or SI_TKILL) to anyone but itself: -EPERM.
 * Only Linux's kernel_siginfo_t part (48 bytes) travels; the rest arrives zeroed. For an
 * si_code whose layout Linux does not know, the rest of the 128 bytes must be zero, or
 * it is -E2BIG: a later kernel may give those bytes a meaning (check_siginfo_tail).
 */
#define KERNEL_SIGINFO_SIZE 48
#define SI_EXPANSION_SIZE   (sizeof(siginfo_t) - KERNEL_SIGINFO_SIZE)

/* Does Linux know the layout of a siginfo with this signal and si_code? (the si_codes
 * each signal defines: ILL_*, FPE_*, SEGV_*, BUS_*, TRAP_*, CLD_*, POLL_*, SYS_*) */
static bool known_siginfo_layout(int sig, int code)
{
	static const unsigned char limit[] = {
		[SIGILL] = 11, [SIGFPE] = 15, [SIGSEGV] = 10, [SIGBUS] = 5,
		[SIGTRAP] = 6, [SIGCHLD] = 6, [SIGPOLL] = 6, [SIGSYS] = 2,
	};

	if (code == SI_KERNEL)
		return true;
	if (code > SI_USER) {
		if ((size_t)sig < sizeof(limit) && limit[sig])
			return code <= limit[sig];
		return code <= limit[SIGPOLL];
	}
	return code >= -7 || code == -60; /* SI_DETHREAD .. SI_USER, or SI_ASYNCNL */
}

static long copy_queued_info(siginfo_t *info, int sig, const siginfo_t __user *uinfo)
{
	memset(info, 0, sizeof(*info));
	if (copy_from_user(info, uinfo, KERNEL_SIGINFO_SIZE))
		return -EFAULT;
	info->si_signo = sig;
	if (!known_siginfo_layout(sig, info->si_code)) {
		u8 tail[SI_EXPANSION_SIZE];

		if (copy_from_user(tail, (const u8 __user *)uinfo + KERNEL_SIGINFO_SIZE,
				   sizeof(tail)))
			return -EFAULT;
		for (size_t i = 0; i < sizeof(tail); i++)
			if (tail[i])
				return -E2BIG;
	}
	return 0;
}

static bool forged_info(const siginfo_t *info, int target)
{
	return (info->si_code >= 0 || info->si_code == SI_TKILL) && target != current->pid;
}

long sys_rt_sigqueueinfo(int pid, int sig, const siginfo_t __user *uinfo)
{
	struct task *t;
	siginfo_t info;
	long err = copy_queued_info(&info, sig, uinfo);

	if (err)
		return err;
	if (forged_info(&info, pid))
		return -EPERM;
	t = find_process(pid);
	return t ? send_checked(sig, &info, t) : -ESRCH;
}

long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, const siginfo_t __user *uinfo)
{
	struct task *t;
	siginfo_t info;
	long err = copy_queued_info(&info, sig, uinfo);

	if (err)
		return err;
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (forged_info(&info, tid))
		return -EPERM;
	t = find_process(tid);
	if (!t || t->tgid != tgid || (t->state == TASK_ZOMBIE && t != t->group_leader))
		return -ESRCH;
	return send_checked_thread(sig, &info, t);
}
