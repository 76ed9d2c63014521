/* Time for user space: the clocks and sleeping. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <types.h>

/* Nanoseconds since boot, from the arch's free-running counter. */
u64 ktime_get_ns(void);
/* Wake sleepers whose time has come; called by the tick. */
void time_tick(void);

struct timespec;
long sys_clock_gettime(int id, struct timespec *tp);
long sys_clock_getres(int id, struct timespec *tp);
long sys_nanosleep(const struct timespec *req, struct timespec *rem);
long sys_clock_nanosleep(int id, int flags, const struct timespec *req, struct timespec *rem);

#endif
