/* prctl, sysinfo, times, sched_getaffinity, sched_setaffinity (see sys.h). */
#include <errno.h>
#include <kernel/signal.h>
#include <kernel/sys.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <uapi/abi.h>

#define NSEC_PER_SEC   1000000000ULL
#define NSEC_PER_CLOCK (NSEC_PER_SEC / USER_HZ) /* one clock_t tick of times() */

void send_pdeath_signal(struct task *child, struct task *parent)
{
	siginfo_t info;

	if (!child->pdeath_signal)
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = child->pdeath_signal;
	info.si_code = SI_USER; /* Linux's SEND_SIG_NOINFO: from the dying parent */
	info.si_pid = parent->pid;
	send_signal(child->pdeath_signal, &info, child);
}

/*
 * prctl(option, ...): the options programs use at start-up. Anything else is -EINVAL,
 * as Linux says for an option it does not know.
 *   PR_SET_NAME/PR_GET_NAME     the task's name (16 bytes with the NUL)
 *   PR_SET_PDEATHSIG/GET        a signal for when the parent dies (0: none)
 *   PR_SET_DUMPABLE/GET         the dumpable flag (0 or 1; exec sets it back to 1)
 */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	char name[TASK_NAME_LEN];

	(void)arg3, (void)arg4, (void)arg5;
	switch (option) {
	case PR_SET_NAME:
		memset(name, 0, sizeof(name));
		if (strncpy_from_user(name, (const char __user *)arg2, sizeof(name) - 1) < 0)
			return -EFAULT;
		memcpy(current->name, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strlcpy(name, current->name, sizeof(name));
		return copy_to_user((void __user *)arg2, name, sizeof(name)) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return copy_to_user((int __user *)arg2, &current->pdeath_signal, sizeof(int)) ?
		       -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return !current->not_dumpable;
	case PR_SET_DUMPABLE:
		if (arg2 > 1)
			return -EINVAL; /* 2 (root-only dumps) is not settable, as in Linux */
		current->not_dumpable = !arg2;
		return 0;
	}
	return -EINVAL;
}

/* sysinfo(): uptime (seconds, rounded up), memory in bytes (mem_unit 1, as a 64-bit
 * Linux gives it), no swap, no load average kept, the number of tasks. */
long sys_sysinfo(struct sysinfo __user *uinfo)
{
	struct sysinfo info;
	u64 now = ktime_get_ns();

	memset(&info, 0, sizeof(info));
	info.uptime = (long)(now / NSEC_PER_SEC + (now % NSEC_PER_SEC ? 1 : 0));
	info.totalram = nr_managed_frames() * PAGE_SIZE;
	info.freeram = nr_free_frames() * PAGE_SIZE;
	info.procs = (unsigned short)nr_tasks();
	info.mem_unit = 1;
	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}

/*
 * times(buf): the CPU time of the caller and of its reaped children in clock ticks
 * (USER_HZ), all of it user time here; returns the ticks since boot (Linux's count
 * starts at an arbitrary point; only differences mean anything). buf may be NULL.
 */
long sys_times(struct tms __user *buf)
{
	if (buf) {
		struct task_usage u;
		struct tms t;

		thread_group_usage(current, &u); /* the process's: all its threads */
		t = (struct tms){
			.tms_utime = (long)(u.cputime_ns / NSEC_PER_CLOCK),
			.tms_cutime = (long)(current->group_leader->child_cputime_ns / NSEC_PER_CLOCK),
		};

		if (copy_to_user(buf, &t, sizeof(t)))
			return -EFAULT;
	}
	return (long)(ktime_get_ns() / NSEC_PER_CLOCK);
}

/*
 * The CPU masks: one CPU, so CPU 0 alone; a mask is a whole number of longs, and one long
 * (Linux's cpumask_size() for up to 64 CPUs) is what the kernel reads and writes.
 */
#define CPUMASK_SIZE sizeof(unsigned long)

/* The process pid names (0: the caller), or NULL. */
static struct task *affinity_task(int pid)
{
	return pid == 0 ? current : pid > 0 ? find_task(pid) : NULL;
}

/* Linux's order: EINVAL for a length that is too short for the CPUs or not whole longs,
 * ESRCH, then the mask (its first CPUMASK_SIZE bytes) and their number. */
long sys_sched_getaffinity(int pid, unsigned int len, unsigned long __user *umask)
{
	unsigned long mask = 1; /* CPU 0 */

	if (len * 8UL < 1 || len % sizeof(unsigned long))
		return -EINVAL;
	if (!affinity_task(pid))
		return -ESRCH;
	if (copy_to_user(umask, &mask, CPUMASK_SIZE))
		return -EFAULT;
	return CPUMASK_SIZE;
}

/* The mask is read first (a short one is zero-filled, a long one cut); it must include
 * CPU 0, the only one there is (EINVAL otherwise). Nothing else changes. */
long sys_sched_setaffinity(int pid, unsigned int len, const unsigned long __user *umask)
{
	unsigned long mask = 0;

	if (copy_from_user(&mask, umask, len < CPUMASK_SIZE ? len : CPUMASK_SIZE))
		return -EFAULT;
	if (!affinity_task(pid))
		return -ESRCH;
	return (mask & 1) ? 0 : -EINVAL;
}
