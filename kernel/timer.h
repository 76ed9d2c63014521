/* The periodic tick. */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <types.h>

#define HZ 100 /* ticks per second */

/* Called by the arch's timer interrupt, once per tick. */
void timer_tick(void);
/* Ticks since the timer started. */
u64 jiffies_read(void);

#endif
