/*
 * The uniprocessor spinlock (see spinlock.h): a held flag and an owner, checked on every
 * lock and unlock, so that the mistakes an SMP machine would deadlock on are reported
 * here as BUGs naming the lock.
 */
#include <kernel/panic.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>

/* Spinlocks held by this CPU. Only changed with interrupts off, by this CPU. */
static int spinlocks_held;

void do_raw_spin_lock(spinlock_t *lock)
{
	if (unlikely(lock->locked))
		panic("BUG: spinlock recursion: %s taken again by %s[%d], held by %s[%d]", lock->name,
		      current->name, current->pid, lock->owner ? lock->owner->name : "?",
		      lock->owner ? lock->owner->pid : -1);
	lock->locked = true;
	lock->owner = current;
	spinlocks_held++;
	barrier(); /* the section's accesses stay after the lock is marked held */
}

bool do_raw_spin_trylock(spinlock_t *lock)
{
	if (lock->locked)
		return false;
	do_raw_spin_lock(lock);
	return true;
}

void do_raw_spin_unlock(spinlock_t *lock)
{
	barrier(); /* ... and before it is marked free */
	if (unlikely(!lock->locked))
		panic("BUG: spinlock already unlocked: %s, released by %s[%d]", lock->name,
		      current->name, current->pid);
	lock->locked = false;
	lock->owner = NULL;
	spinlocks_held--;
}

int nr_spinlocks_held(void)
{
	return spinlocks_held;
}
