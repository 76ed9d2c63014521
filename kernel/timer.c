/* The tick counter (Linux calls it jiffies). */
#include <compiler.h>
#include <kernel/timer.h>

static volatile u64 jiffies; /* written only by the timer interrupt */

void timer_tick(void)
{
	jiffies++;
}

u64 jiffies_read(void)
{
	return jiffies;
}
