/*
 * Reader/writer semaphores (see rwsem.h). count is tested and changed with interrupts
 * off, in the same section that may sleep on the waiters (wait.h's rule: test and sleep
 * with nothing in between). That section sleeps, so it cannot be a spinlock; on SMP
 * count would get the semaphore's own spinlock (Linux's wait_lock), dropped around the
 * sleep as sleep_on() drops the wait queue's.
 */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/rwsem.h>
#include <kernel/sched.h>

/* Sleep on sem until cond holds, ignoring signals (they only cause another look). */
#define wait_uninterruptible(sem, cond)          \
	do {                                     \
		while (!(cond))                  \
			sleep_on(&(sem)->waiters); \
	} while (0)

void down_read(struct rw_semaphore *sem)
{
	unsigned long flags = arch_irq_save();

	wait_uninterruptible(sem, sem->count >= 0);
	sem->count++;
	arch_irq_restore(flags);
}

void up_read(struct rw_semaphore *sem)
{
	unsigned long flags = arch_irq_save();

	BUG_ON(sem->count <= 0);
	if (--sem->count == 0 && wq_has_sleeper(&sem->waiters))
		wake_up(&sem->waiters);
	arch_irq_restore(flags);
}

void down_write(struct rw_semaphore *sem)
{
	unsigned long flags = arch_irq_save();

	wait_uninterruptible(sem, sem->count == 0);
	sem->count = -1;
	arch_irq_restore(flags);
}

void up_write(struct rw_semaphore *sem)
{
	unsigned long flags = arch_irq_save();

	BUG_ON(sem->count != -1);
	sem->count = 0;
	wake_up(&sem->waiters);
	arch_irq_restore(flags);
}
