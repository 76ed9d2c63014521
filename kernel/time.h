/* Time for user space: the clocks and sleeping. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <types.h>

/* Nanoseconds since boot, from the arch's free-running counter. */
u64 ktime_get_ns(void);

struct timespec;

/* *ureq as nanoseconds (past the year 2554, ~0: as good as forever, never a wrap);
 * -EFAULT, or -EINVAL for a negative time or tv_nsec outside 0..999999999. */
long get_sleep_time(const struct timespec *ureq, u64 *ns);
/* ns from now on ktime_get_ns(), without wrapping past forever (~0). */
u64 deadline_after(u64 ns);
/* Sleep until deadline (ktime_get_ns()) or an unblocked signal: 0 when the time has
 * come, -EINTR for a signal. */
long sleep_until_or_signal(u64 deadline);

long sys_clock_gettime(int id, struct timespec *tp);
long sys_clock_getres(int id, struct timespec *tp);
long sys_nanosleep(const struct timespec *req, struct timespec *rem);
long sys_clock_nanosleep(int id, int flags, const struct timespec *req, struct timespec *rem);

#endif
