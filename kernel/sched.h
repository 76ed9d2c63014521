/*
 * The scheduler: round-robin over one run queue, preemptive at the tick. The kernel
 * itself is not preempted: a task gives up the CPU in schedule() (sleeping, yielding, or
 * on the way back to user mode when the tick set need_resched).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/task.h>

struct mm_struct;

/* Load mm's page table (NULL: the kernel's own) and remember it as the active one. */
void activate_mm(struct mm_struct *mm);
/* Make the boot context the idle task (pid 0). */
void sched_init(void);
/* Run something else if anything else can run. Returns when current runs again. */
void schedule(void);
/* Make t runnable (from sleeping, or a new task). */
void wake_up_task(struct task *t);
/*
 * A voluntary preemption point for long loops in the kernel, which is not preempted
 * otherwise (Linux's cond_resched): give up the CPU if the tick asked for it.
 */
static inline void cond_resched(void)
{
	if (current->need_resched)
		schedule();
}

/* Called by the tick: time to preempt the current task. */
void sched_tick(void);
/* The idle loop: runs when nothing else can. Never returns. */
__noreturn void cpu_idle(void);
/* A new task's first words in C, before its first return to user mode. */
void schedule_tail(void);

#endif
