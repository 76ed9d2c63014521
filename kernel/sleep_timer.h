/*
 * Sleep timers: what wakes a task sleeping until a time (Linux's hrtimer_sleeper and
 * its CPU-time cousin, the posix CPU timer), so that the tick wakes only the sleepers
 * whose time has come and never runs the others.
 *
 * Two kinds of clock, two kinds of queue, each sorted by expiry:
 *   - ktime_get_ns() deadlines (nanosleep, the wall and monotonic clocks, timeouts):
 *     one queue; each tick wakes the timers at its head that have expired: O(expired);
 *   - CPU-time targets (clock_nanosleep on a process's CPU-time clock): a queue in the
 *     task whose CPU time is watched (task->cpu_timers). Only the task the tick charges
 *     gains CPU time, so each tick looks at that task's queue alone, also O(expired).
 * Starting a timer walks its queue to its place: O(sleepers), once per sleep.
 *
 * A sleep: start the timer, wait_event_interruptible() on timer->wait until the time
 * has come, cancel the timer (harmless if it fired). A signal wakes the task directly
 * (signal_wake_up), so the timer plays no part in interrupting a sleep. Queues are
 * touched with interrupts off: the tick changes them from its interrupt.
 */
#ifndef KERNEL_SLEEP_TIMER_H
#define KERNEL_SLEEP_TIMER_H

#include <kernel/wait.h>
#include <lib/list.h>
#include <types.h>

struct task;

struct sleep_timer;
/* A timer's own action at expiry (interrupts off, timer lock held: it may send a signal,
 * not start or cancel timers). Returns when to fire again (> now), or 0 for never. */
typedef u64 (*sleep_timer_fn)(struct sleep_timer *t, u64 now);

struct sleep_timer {
	struct list_head node;   /* in its queue; pointing at itself when not queued */
	sleep_timer_fn function; /* NULL: wake the sleeper on wait; else call this instead */
	u64 expires;             /* ktime_get_ns() deadline, or the target's CPU time */
	struct task *cpu_target; /* CPU-time timer: whose CPU time, NULL once it is freed */
	u64 cpu_seen;            /* CPU-time timer without a target: its last CPU time seen */
	struct wait_queue wait;  /* the sleeper, woken when the timer fires */
};

/* Start t to fire once ktime_get_ns() >= expires. */
void sleep_timer_start(struct sleep_timer *t, u64 expires);
/* Start t to fire once target has used expires nanoseconds of CPU time; target NULL (a
 * process that is gone): never. */
void sleep_timer_start_cpu(struct sleep_timer *t, struct task *target, u64 expires);
/* Start t to call fn at expires (a CPU-time timer if target: on target's CPU time), and
 * again at each time fn returns (Linux's hrtimer callback; used by the interval timers). */
void sleep_timer_start_fn(struct sleep_timer *t, struct task *target, u64 expires,
			  sleep_timer_fn fn);
/* Take t off its queue if it is still there (fired or not: either is fine). Returns
 * sleep_timer_cpu_now(t) at that moment (for a CPU-time timer: the time it saw last). */
u64 sleep_timer_cancel(struct sleep_timer *t);
/* When a started timer fires next (its clock's time), or 0 if it is not queued. */
u64 sleep_timer_expires(const struct sleep_timer *t);
/* A CPU-time timer's target's CPU time now (the last seen if it is gone). */
u64 sleep_timer_cpu_now(const struct sleep_timer *t);

/* The tick: fire the expired timers of the clock, and of current's CPU time. */
void run_sleep_timers(void);
/* t is being freed: its CPU-time timers stop watching it (their sleepers then wait for a
 * signal, as on Linux when the watched process is gone). */
void cpu_timers_detach(struct task *t);

#endif
