/* The periodic tick. */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <types.h>

#define HZ 100 /* ticks per second */
#define TICK_NSEC ((1000000000UL + HZ / 2) / HZ) /* nanoseconds per tick (Linux's name) */

/* Called by the arch's timer interrupt, once per tick. */
void timer_tick(void);
/* Ticks since the timer started. */
u64 jiffies_read(void);

#endif
