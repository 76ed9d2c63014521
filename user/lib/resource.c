/* Resource limits, interval timers, process times, system information, prctl, affinity. */
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>
#include "syscall.h"

int getrlimit(int resource, struct rlimit *rlim)
{
	return (int)syscall_ret(__NR_getrlimit, resource, rlim, 0, 0, 0, 0);
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return (int)syscall_ret(__NR_setrlimit, resource, rlim, 0, 0, 0, 0);
}

int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	/* struct rlimit and struct rlimit64 have one layout on 64-bit machines. */
	return (int)syscall_ret(__NR_prlimit64, pid, resource, new_limit, old_limit, 0, 0);
}

int getitimer(int which, struct itimerval *value)
{
	return (int)syscall_ret(__NR_getitimer, which, value, 0, 0, 0, 0);
}

int setitimer(int which, const struct itimerval *value, struct itimerval *old)
{
	return (int)syscall_ret(__NR_setitimer, which, value, old, 0, 0, 0);
}

unsigned int alarm(unsigned int seconds)
{
#ifdef __NR_alarm
	return (unsigned int)__syscall(__NR_alarm, seconds, 0, 0, 0, 0, 0);
#else
	/* riscv64 has no alarm(): ITIMER_REAL once, and the seconds left, rounded as Linux's
	 * alarm() rounds them. */
	struct itimerval it = { { 0, 0 }, { (long)seconds, 0 } }, old;

	if (setitimer(ITIMER_REAL, &it, &old))
		return 0;
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return (unsigned int)old.it_value.tv_sec;
#endif
}

clock_t times(struct tms *buf)
{
	return (clock_t)syscall_ret(__NR_times, buf, 0, 0, 0, 0, 0);
}

int sysinfo(struct sysinfo *info)
{
	return (int)syscall_ret(__NR_sysinfo, info, 0, 0, 0, 0, 0);
}

int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	  unsigned long arg5)
{
	return (int)syscall_ret(__NR_prctl, option, arg2, arg3, arg4, arg5, 0);
}

int sched_getaffinity(pid_t pid, size_t size, unsigned long *mask)
{
	long r = syscall_ret(__NR_sched_getaffinity, pid, size, mask, 0, 0, 0);

	return r < 0 ? -1 : (int)r;
}

int sched_setaffinity(pid_t pid, size_t size, const unsigned long *mask)
{
	return (int)syscall_ret(__NR_sched_setaffinity, pid, size, mask, 0, 0, 0);
}
