/*
 * Interval timers (Linux's kernel/time/itimer.c): setitimer(), getitimer() and alarm().
 * Each process has three, each a sleep timer with a function (kernel/sleep_timer.h):
 *   ITIMER_REAL     on the wall clock, SIGALRM at expiry (alarm() is this one);
 *   ITIMER_VIRTUAL  on the process's user CPU time, SIGVTALRM;
 *   ITIMER_PROF     on its user and system CPU time, SIGPROF.
 * Faultline counts all CPU time as user time, so the last two run on the same clock.
 * A timer with an interval fires again every interval; fork starts the child with none
 * armed; execve keeps them; exit stops them.
 */
#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

#include <kernel/sleep_timer.h>
#include <mm/uaccess.h>
#include <types.h>
#include <uapi/resource.h>

struct task;

struct itimer {
	struct sleep_timer timer; /* queued while armed */
	u64 interval_ns;          /* the period after each expiry; 0: one shot */
	struct task *task;        /* whom the signal goes to */
	bool started;             /* timer.node is valid (it was started once) */
};

/* Exit: disarm every interval timer of t. */
void exit_itimers(struct task *t);

long sys_getitimer(int which, struct itimerval __user *value);
long sys_setitimer(int which, const struct itimerval __user *value,
		   struct itimerval __user *ovalue);
long sys_alarm(unsigned int seconds);

#endif
