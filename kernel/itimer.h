/*
 * Interval timers (Linux's kernel/time/itimer.c): setitimer(), getitimer() and alarm().
 * Each process has three (task->signal, shared by its threads: one thread's setitimer is
 * the process's, and a timer keeps running when the thread that set it exits), each a
 * sleep timer with a function (kernel/sleep_timer.h):
 *   ITIMER_REAL     on the wall clock, SIGALRM at expiry (alarm() is this one);
 *   ITIMER_VIRTUAL  on the process's user CPU time, SIGVTALRM;
 *   ITIMER_PROF     on its user and system CPU time, SIGPROF.
 * Faultline counts all CPU time as user time, so the last two run on the same clock; they
 * count the CPU time of one thread of the process at a time: the one that set them, then,
 * when it exits, another (Linux counts all of the process's threads together).
 * A timer with an interval fires again every interval; fork starts the child with none
 * armed; execve keeps them; the exit of the process's last thread stops them. The
 * signal is process-directed (any thread may take it).
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
	struct task *task;        /* whose process the signal goes to: its leader */
	bool started;             /* timer.node is valid (it was started once) */
};

/* Exit of the last thread of t's process: disarm every interval timer of the process. */
void exit_itimers(struct task *t);
/* t, a thread of a process that goes on, exits: its CPU-time timers go on another's. */
void itimers_thread_exit(struct task *t);
/* execve from a thread (de_thread): leader took the process over from the old leader. */
void itimers_new_leader(struct task *leader);

long sys_getitimer(int which, struct itimerval __user *value);
long sys_setitimer(int which, const struct itimerval __user *value,
		   struct itimerval __user *ovalue);
long sys_alarm(unsigned int seconds);

#endif
