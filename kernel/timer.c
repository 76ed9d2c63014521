/* The tick counter (Linux calls it jiffies). */
#include <compiler.h>
#include <kernel/sched.h>
#include <kernel/sleep_timer.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/timer.h>

static volatile u64 jiffies; /* written only by the timer interrupt */

void timer_tick(void)
{
	jiffies++;
	/* Tick-based CPU accounting (Linux's account_process_tick): whoever the tick finds
	 * running is charged the whole tick. The idle task (pid 0) counts for nobody. */
	if (current->pid)
		current->cputime_ns += TICK_NSEC;
	run_sleep_timers(); /* wake the sleepers whose time has come, and only those */
	sched_tick(); /* the running task's time slice is over */
}

u64 jiffies_read(void)
{
	return jiffies;
}
