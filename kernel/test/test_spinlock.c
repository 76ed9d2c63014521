/* spinlock_t: the normal use (ktests) and the misuse its debug checks catch (crash tests). */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/test/ktest.h>
#include <lib/string.h>

static DEFINE_SPINLOCK(test_lock); /* protects test_counter */
static int test_counter;

/* Take and release, nested inside another lock: held state, owner and count follow. */
KTEST(spinlock_irqsave_nests_and_releases)
{
	spinlock_t inner;
	unsigned long flags, inner_flags;
	int before = nr_spinlocks_held();

	spin_lock_init(&inner);
	KEXPECT(!spin_is_locked(&test_lock));
	spin_lock_irqsave(&test_lock, flags);
	KEXPECT(spin_is_locked(&test_lock));
	KEXPECT(test_lock.owner == current);
	KEXPECT_EQ(nr_spinlocks_held(), before + 1);
	KEXPECT_STREQ(newest_spinlock_held(), "test_lock");
	test_counter++;
	spin_lock_irqsave(&inner, inner_flags);
	KEXPECT_EQ(nr_spinlocks_held(), before + 2);
	KEXPECT_STREQ(newest_spinlock_held(), "&inner");
	spin_unlock_irqrestore(&inner, inner_flags);
	KEXPECT_STREQ(newest_spinlock_held(), "test_lock");
	spin_unlock_irqrestore(&test_lock, flags);
	KEXPECT(!spin_is_locked(&test_lock));
	KEXPECT(test_lock.owner == NULL);
	KEXPECT_EQ(nr_spinlocks_held(), before);
	KEXPECT_STREQ(test_lock.name, "test_lock");
	KEXPECT_STREQ(inner.name, "&inner");
}

/* Locks may be released out of the order they were taken; the held set follows. */
KTEST(spinlock_release_out_of_order)
{
	spinlock_t first, second;
	unsigned long f1, f2;
	int before = nr_spinlocks_held();

	spin_lock_init(&first);
	spin_lock_init(&second);
	spin_lock_irqsave(&first, f1);
	spin_lock_irqsave(&second, f2);
	spin_unlock(&first);
	KEXPECT_EQ(nr_spinlocks_held(), before + 1);
	KEXPECT_STREQ(newest_spinlock_held(), "&second");
	KEXPECT(!spin_is_locked(&first));
	spin_unlock(&second);
	KEXPECT_EQ(nr_spinlocks_held(), before);
	arch_irq_restore(f2);
	arch_irq_restore(f1);
}

/* spin_lock_irqsave() restores what it found: interrupts on stay on, off stay off. */
KTEST(spinlock_irqrestore_keeps_interrupt_state)
{
	unsigned long flags, outer, state_on, state_off;

	state_on = arch_irq_save(); /* interrupts are on in ktests: this is the "on" state */
	arch_irq_restore(state_on);
	spin_lock_irqsave(&test_lock, flags);
	KEXPECT_EQ(flags, state_on);
	spin_unlock_irqrestore(&test_lock, flags);

	outer = arch_irq_save();
	state_off = arch_irq_save();
	spin_lock_irqsave(&test_lock, flags);
	KEXPECT_EQ(flags, state_off);
	spin_unlock_irqrestore(&test_lock, flags);
	KEXPECT_EQ(arch_irq_save(), state_off); /* still off after the restore */
	arch_irq_restore(outer);
}

/* trylock fails on a held lock, without BUG, and succeeds on a free one. */
KTEST(spinlock_trylock_fails_while_held)
{
	unsigned long flags = arch_irq_save();

	KEXPECT(do_raw_spin_trylock(&test_lock));
	KEXPECT(!do_raw_spin_trylock(&test_lock));
	spin_unlock(&test_lock);
	KEXPECT(!spin_is_locked(&test_lock));
	arch_irq_restore(flags);
}

/* Taking a lock this CPU holds would spin for ever on SMP: a BUG naming the lock. */
CRASH_TEST(spinlock_recursion, EXIT_PANIC, "BUG: spinlock recursion: crash_lock taken again")
{
	static DEFINE_SPINLOCK(crash_lock);
	unsigned long flags, flags2;

	printk("crash test: taking crash_lock twice\n");
	spin_lock_irqsave(&crash_lock, flags);
	spin_lock_irqsave(&crash_lock, flags2);
	(void)flags, (void)flags2; /* never reached */
}

/* Releasing a lock nobody holds: a BUG naming the lock. */
CRASH_TEST(spinlock_unlock_not_held, EXIT_PANIC, "BUG: spinlock already unlocked: crash_lock")
{
	static DEFINE_SPINLOCK(crash_lock);
	unsigned long flags = arch_irq_save();

	printk("crash test: releasing crash_lock, never taken\n");
	spin_unlock_irqrestore(&crash_lock, flags);
}

/* Sleeping (schedule()) with a spinlock held: another task could take it. A BUG. */
CRASH_TEST(spinlock_held_across_schedule, EXIT_PANIC,
	   "BUG: scheduling while atomic: idle[0] holds 1 spinlock(s), the last crash_lock")
{
	static DEFINE_SPINLOCK(crash_lock);
	unsigned long flags;

	printk("crash test: schedule() holding crash_lock\n");
	spin_lock_irqsave(&crash_lock, flags);
	schedule();
	(void)flags; /* never reached */
}
