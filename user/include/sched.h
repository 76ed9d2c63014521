/* Scheduling. */
#ifndef USER_SCHED_H
#define USER_SCHED_H

#include <sys/types.h>

/* Give the CPU to another runnable task, if there is one. Returns 0. */
int sched_yield(void);

/* The CPUs pid (0: the caller) may run on, as a bit mask of size bytes (a whole number
 * of longs). getaffinity returns the bytes the kernel wrote; both -1 with errno. */
int sched_getaffinity(pid_t pid, size_t size, unsigned long *mask);
int sched_setaffinity(pid_t pid, size_t size, const unsigned long *mask);

#endif
