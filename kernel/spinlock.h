/*
 * Spinlocks (Linux's spinlock_t): the lock for data that an interrupt handler, or on SMP
 * another CPU, may touch. Every spinlock_t has a comment next to it saying what it
 * protects.
 *
 * On SMP a spinlock is a word that CPUs spin on. Faultline runs on one CPU, where
 * nothing else can be spinning: taking a lock is turning interrupts off (so a handler
 * cannot run in the middle) and marking the lock held, which costs nothing and lets the
 * kernel catch, here and now, the bugs that would deadlock an SMP machine later:
 *
 *   - taking a lock this CPU already holds (on SMP it would spin for ever): BUG;
 *   - releasing a lock that is not held: BUG;
 *   - calling schedule() with a spinlock held (another task would then take it: on SMP a
 *     deadlock, here the first BUG): BUG, checked in schedule(). A spinlock section never
 *     sleeps, faults on user memory or waits for a lock that sleeps (rw_semaphore,
 *     lock_page); sleeping sections use those instead.
 *
 * The rules for callers:
 *   - spin_lock_irqsave(lock, flags) / spin_unlock_irqrestore(lock, flags) is the form
 *     to use: it works with interrupts on or off and restores what it found. flags is an
 *     unsigned long the caller declares (the macro assigns it, as Linux's does).
 *   - spin_lock(lock) / spin_unlock(lock) leave interrupts alone. Use them only where
 *     interrupts are already off (in an interrupt handler, or nested inside another
 *     irqsave section). WARNING: spin_lock() with interrupts ON, on a lock an interrupt
 *     handler also takes, deadlocks: the handler interrupts the holder and spins on (here:
 *     BUGs on) a lock the interrupted code can never release.
 *   - Locks nest in one fixed order (documented where two are taken together); no lock is
 *     taken twice.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include <arch.h>
#include <types.h>

struct task;

typedef struct spinlock {
	bool locked;         /* held (on SMP: the word CPUs spin on) */
	const char *name;    /* the lock's name, for the BUG messages */
	struct task *owner;  /* the task that took it (in an interrupt: the task interrupted) */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) { .locked = false, .name = #lockname, .owner = NULL }
/* Define and initialise a spinlock called name. */
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

/* Initialise a spinlock (one inside a struct); it is named after the expression. */
#define spin_lock_init(lock) __spin_lock_init((lock), #lock)

static inline void __spin_lock_init(spinlock_t *lock, const char *name)
{
	lock->locked = false;
	lock->name = name;
	lock->owner = NULL;
}

/* Take lock, interrupts already off. BUGs if this CPU already holds it. */
void do_raw_spin_lock(spinlock_t *lock);
/* Release lock, which must be held. BUGs if it is not. */
void do_raw_spin_unlock(spinlock_t *lock);
/* Take lock if it is free: true if now held (then release it as usual), false if not. */
bool do_raw_spin_trylock(spinlock_t *lock);
/* How many spinlocks this CPU holds now (schedule() insists on none). */
int nr_spinlocks_held(void);
/* The name of the spinlock this CPU took last and still holds ("none" if it holds none). */
const char *newest_spinlock_held(void);

static __always_inline bool spin_is_locked(const spinlock_t *lock)
{
	return lock->locked;
}

/* Take lock without touching interrupts: see the warning above. */
static __always_inline void spin_lock(spinlock_t *lock)
{
	do_raw_spin_lock(lock);
}

static __always_inline void spin_unlock(spinlock_t *lock)
{
	do_raw_spin_unlock(lock);
}

/* Turn interrupts off (their previous state into flags), then take lock. */
#define spin_lock_irqsave(lock, flags)          \
	do {                                    \
		(flags) = arch_irq_save();      \
		do_raw_spin_lock(lock);         \
	} while (0)

/* Release lock, then put interrupts back as spin_lock_irqsave() found them. */
#define spin_unlock_irqrestore(lock, flags)     \
	do {                                    \
		do_raw_spin_unlock(lock);       \
		arch_irq_restore(flags);        \
	} while (0)

#endif
