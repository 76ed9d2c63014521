/*
 * Kernel threads (Linux's kthread_create()): tasks that run one kernel function on their
 * own kernel stack and never enter user mode. They have no address space (they run on
 * whatever page table is loaded; every one maps the kernel), no files and no parent that
 * waits: when the function returns, the thread ends and is freed by the next task switch.
 *
 * The kernel is not preempted, so a kernel thread runs until it sleeps or calls
 * schedule(). Signals are only noticed where it looks for them (lock_page_killable() and
 * the like): a kernel thread never returns to user mode, where signals are delivered.
 */
#ifndef KERNEL_KTHREAD_H
#define KERNEL_KTHREAD_H

struct task;

/*
 * A new kernel thread that will run fn(arg) and end when it returns; named name. It is
 * not yet runnable: wake_up_task() starts it. NULL if memory ran out.
 */
struct task *kthread_create(int (*fn)(void *arg), void *arg, const char *name);
/* Called by every new task's first switch (schedule_tail): if current is a kernel thread,
 * run its function and end it; otherwise return at once. */
void kthread_start_if_kthread(void);

#endif
