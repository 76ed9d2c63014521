/* Round-robin scheduling and wait queues (see sched.h, wait.h). */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/exit.h>
#include <kernel/kthread.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <mm/page.h>
#include <mm/tlbflush.h>

static struct signal_struct idle_signal = { .count = 1 }; /* limits: set by start_kernel */
static struct task idle_task = { .pid = 0, .name = "idle", .state = TASK_RUNNING,
				 .signal = &idle_signal };
struct task *current = &idle_task;

static LIST_HEAD(run_queue);          /* runnable tasks, oldest first; under rq_lock */
/*
 * Protects run_queue and the RUNNABLE/SLEEPING state changes made while a task joins or
 * leaves it (Linux's rq->lock). Taken from interrupts (wake_up) and nested inside a wait
 * queue's lock and a task's siglock, never the other way round.
 */
static DEFINE_SPINLOCK(rq_lock);
static struct mm_struct *active_mm;   /* the address space the MMU has loaded, NULL: kernel's */

void sched_init(void)
{
	INIT_LIST_HEAD(&idle_task.children);
	INIT_LIST_HEAD(&idle_task.sibling);
	INIT_LIST_HEAD(&idle_task.run_list);
	INIT_LIST_HEAD(&idle_task.wait_list);
	INIT_LIST_HEAD(&idle_task.cpu_timers);
	init_wait_queue(&idle_task.child_exit);
}

void wake_up_task(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&rq_lock, flags);
	if (t->state == TASK_SLEEPING) {
		t->state = TASK_RUNNABLE;
		list_add_tail(&t->run_list, &run_queue);
	}
	spin_unlock_irqrestore(&rq_lock, flags);
}

void sched_tick(void)
{
	if (current != &idle_task)
		current->need_resched = true;
}

void activate_mm(struct mm_struct *mm)
{
	/* Interrupts off for the CPU's sake, not for data: nothing may run between loading
	 * the page table and recording which one is loaded. */
	unsigned long flags = arch_irq_save();

	arch_switch_pgtable(__pa(mm ? mm->pgd : kernel_pgtable));
	active_mm = mm;
	arch_irq_restore(flags);
}

/*
 * Load next's address space if it has one. The idle task has none and runs on whatever
 * is loaded: every table maps the kernel half. A task that releases its mm loads the
 * kernel's table first (do_exit, execve), so active_mm is never freed while loaded.
 */
static void switch_mm(struct task *next)
{
	if (next->mm && next->mm != active_mm)
		activate_mm(next->mm);
}

/*
 * Interrupts stay off from choosing next until prev runs again: that is about the CPU
 * (the switch itself must not be interrupted halfway, and sleep_on's caller relies on
 * it), not data. rq_lock covers the run queue only, and is dropped before the switch, so
 * no lock is ever held by a task that is switched out.
 */
void schedule(void)
{
	unsigned long flags = arch_irq_save();
	struct task *prev = current, *next = &idle_task;

	if (unlikely(nr_spinlocks_held()))
		panic("BUG: scheduling while atomic: %s[%d] holds %d spinlock(s), the last %s",
		      prev->name, prev->pid, nr_spinlocks_held(), newest_spinlock_held());
	spin_lock(&rq_lock);
	prev->need_resched = false;
	if (prev->state == TASK_RUNNING && prev != &idle_task) {
		prev->state = TASK_RUNNABLE;
		list_add_tail(&prev->run_list, &run_queue);
	}
	if (!list_empty(&run_queue)) {
		next = list_first_entry(&run_queue, struct task, run_list);
		list_del(&next->run_list);
	}
	next->state = TASK_RUNNING;
	spin_unlock(&rq_lock);
	if (next != prev) {
		/* Linux's count (kernel/sched/core.c): a switch away from a task that is still
		 * runnable was forced on it; any other (sleeping, stopped, exiting) it chose. */
		if (prev->state == TASK_RUNNABLE)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		arch_fpu_switch(prev, next);
		switch_mm(next);
		arch_task_switched(next);
		current = next;
		arch_switch_context(&prev->ksp, next->ksp); /* returns when prev runs again */
		reap_dead_tasks(); /* off every dead task's stack now */
	}
	arch_irq_restore(flags);
}

void schedule_tail(void)
{
	/* A new task's first switch did not return through schedule(): finish its work. */
	reap_dead_tasks();
	kthread_start_if_kthread(); /* a kernel thread never comes back from here */
	if (current->set_child_tid) {
		/* clone(CLONE_CHILD_SETTID): our tid, written in our own address space. A
		 * fault here is an ordinary one, with interrupts on as for any system call. */
		arch_irq_enable();
		(void)copy_to_user(current->set_child_tid, &current->pid, sizeof(current->pid));
		arch_irq_disable();
		current->set_child_tid = NULL;
	}
	debug_tlb_check_user_return(); /* it returns to user mode from here, not through exit_to_user_mode() */
}

__noreturn void cpu_idle(void)
{
	for (;;) {
		arch_irq_enable();
		schedule();
		arch_wait_for_interrupt();
	}
}

void sleep_on(struct wait_queue *wq)
{
	spin_lock(&wq->lock); /* interrupts are off: the caller's rule (wait.h) */
	current->state = TASK_SLEEPING;
	list_add_tail(&current->wait_list, &wq->sleepers);
	spin_unlock(&wq->lock);
	schedule();
	spin_lock(&wq->lock);
	list_del(&current->wait_list); /* whoever woke us may have unlinked it already */
	spin_unlock(&wq->lock);
}

void wake_up(struct wait_queue *wq)
{
	struct list_head *pos, *tmp;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_safe(pos, tmp, &wq->sleepers) {
		struct task *t = list_entry(pos, struct task, wait_list);

		list_del(&t->wait_list);
		wake_up_task(t);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}
