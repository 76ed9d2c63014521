/*
 * Wait queues: where tasks sleep until something happens. The rule that makes sleeping
 * safe on one CPU: test the condition, join the queue and call schedule() with
 * interrupts disabled, so an interrupt cannot make the condition true (and wake the
 * queue) in between. wait_event_interruptible() does exactly that. That interrupts-off
 * section is about the CPU (nothing may run between the test and the sleep), not about
 * data, so it is not a spinlock: a spinlock may not be held across schedule(). The list
 * of sleepers itself is data, and has its lock.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include <arch.h>
#include <errno.h>
#include <kernel/spinlock.h>
#include <lib/list.h>

struct wait_queue {
	spinlock_t lock;           /* protects sleepers (Linux's wait_queue_head.lock) */
	struct list_head sleepers; /* tasks, through task->wait_list */
};

/* A static initialiser: struct wait_queue name = WAIT_QUEUE_INIT(name); */
#define WAIT_QUEUE_INIT(name) { .lock = __SPIN_LOCK_UNLOCKED(name.lock), \
				.sleepers = LIST_HEAD_INIT(name.sleepers) }

static inline void init_wait_queue(struct wait_queue *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->sleepers);
}

/*
 * Does a task sleep on wq? Only meaningful where the sleepers' test-and-sleep cannot run
 * in between (interrupts off on this one CPU, as in the rules above): then a waker that
 * sees no sleeper may skip wake_up() and its lock, since any later sleeper tests the
 * condition after the waker changed it (Linux's wq_has_sleeper()).
 */
static __always_inline bool wq_has_sleeper(struct wait_queue *wq)
{
	return !list_empty(&wq->sleepers);
}

/* Make every task sleeping on wq runnable; safe from interrupt handlers. */
void wake_up(struct wait_queue *wq);
/* Put current to sleep on wq until woken. Call with interrupts disabled. */
void sleep_on(struct wait_queue *wq);
/* True if an unblocked signal is pending: it should interrupt current's sleep. */
bool signal_pending_current(void);

/*
 * Sleep on wq until cond holds; 0, or -ERESTARTSYS if a signal came first (the system
 * call then returns that, and signal delivery makes it -EINTR or a restart). cond is
 * evaluated with interrupts disabled, every time the task is woken.
 */
#define wait_event_interruptible(wq, cond)                          \
	({                                                          \
		long __ret = 0;                                     \
		unsigned long __flags = arch_irq_save();            \
		while (!(cond)) {                                   \
			if (signal_pending_current()) {             \
				__ret = -ERESTARTSYS;               \
				break;                              \
			}                                           \
			sleep_on(wq);                               \
		}                                                   \
		arch_irq_restore(__flags);                          \
		__ret;                                              \
	})

#endif
