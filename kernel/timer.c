/* The tick counter (Linux calls it jiffies). */
#include <compiler.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/timer.h>

static volatile u64 jiffies; /* written only by the timer interrupt */

void timer_tick(void)
{
	jiffies++;
	time_tick();  /* sleepers check their deadlines */
	sched_tick(); /* the running task's time slice is over */
}

u64 jiffies_read(void)
{
	return jiffies;
}
