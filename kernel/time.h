/* Time for user space: clock_gettime() and nanosleep(). */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <types.h>

/* Nanoseconds since boot, from the arch's free-running counter. */
u64 ktime_get_ns(void);
/* Wake sleepers whose time has come; called by the tick. */
void time_tick(void);

long sys_clock_gettime(int clock, void *tp);
long sys_nanosleep(const void *req, void *rem);

#endif
