/* Scheduling. */
#ifndef USER_SCHED_H
#define USER_SCHED_H

/* Give the CPU to another runnable task, if there is one. Returns 0. */
int sched_yield(void);

#endif
