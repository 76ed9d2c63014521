/*
 * The uniprocessor spinlock (see spinlock.h): a held flag and an owner, checked on every
 * lock and unlock, so that the mistakes an SMP machine would deadlock on are reported
 * here as BUGs naming the lock.
 */
#include <kernel/panic.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>

/*
 * The spinlocks this CPU holds, oldest first (the first MAX_HELD of them), so that a BUG
 * can name them. Only changed with interrupts off, by this CPU.
 */
#define MAX_HELD 8
static spinlock_t *held[MAX_HELD];
static int spinlocks_held;

void do_raw_spin_lock(spinlock_t *lock)
{
	if (unlikely(lock->locked))
		panic("BUG: spinlock recursion: %s taken again by %s[%d], held by %s[%d]", lock->name,
		      current->name, current->pid, lock->owner ? lock->owner->name : "?",
		      lock->owner ? lock->owner->pid : -1);
	lock->locked = true;
	lock->owner = current;
	if (spinlocks_held < MAX_HELD)
		held[spinlocks_held] = lock;
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
	int newest = spinlocks_held - 1;

	barrier(); /* ... and before it is marked free */
	if (unlikely(!lock->locked))
		panic("BUG: spinlock already unlocked: %s, released by %s[%d]", lock->name,
		      current->name, current->pid);
	lock->locked = false;
	lock->owner = NULL;
	spinlocks_held = newest;
	/* Usually the newest; locks may be released out of order, so look for it. */
	if (newest >= MAX_HELD || held[newest] == lock)
		return;
	for (int i = newest - 1; i >= 0; i--) {
		if (held[i] == lock) {
			for (int j = i; j < newest; j++)
				held[j] = held[j + 1];
			return;
		}
	}
}

int nr_spinlocks_held(void)
{
	return spinlocks_held;
}

const char *newest_spinlock_held(void)
{
	if (spinlocks_held == 0)
		return "none";
	if (spinlocks_held > MAX_HELD)
		return "(too many to name)";
	return held[spinlocks_held - 1]->name;
}
