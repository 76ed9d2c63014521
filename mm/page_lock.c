/*
 * The page lock: PG_locked in struct page's flags, and the wait queues its waiters sleep
 * on (Linux's folio_lock(), mm/filemap.c).
 *
 * What it is for: a page whose contents are being read in (a file read, a swap-in) or
 * whose identity is changing (being added to or dropped from a page cache) is locked
 * for the time it takes; whoever needs it in a settled state takes the lock, sleeping
 * if needed. The lock is a sleeping lock: it is held across I/O, never taken under a
 * spinlock, and may be released by another task than the one that took it (the end of
 * an I/O unlocks the page).
 *
 * The contracts, Linux's:
 *   lock_page()           sleeps until it owns the bit; signals do not end the wait;
 *   lock_page_killable()  the same, but a fatal signal (SIGKILL pending) ends the wait
 *                         with -EINTR, the lock not taken;
 *   trylock_page()        never sleeps: true if it took the lock;
 *   unlock_page()         clears the bit (the caller holds it) and wakes the waiters;
 *   wait_on_page_locked() sleeps until the bit is clear, without taking it.
 *
 * The fault path will use it for VM_FAULT_RETRY (Linux's folio_lock_or_retry()): a
 * fault that finds its page locked for I/O (swap-in, a file read) does not sleep on the
 * page with the mmap lock held: with FAULT_FLAG_ALLOW_RETRY it drops the mmap lock,
 * waits with wait_on_page_locked() (lock_page_killable() for a killable fault) and
 * returns VM_FAULT_RETRY, so the fault is retried from the top.
 */
#include <kernel/panic.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/wait.h>
#include <mm/page.h>
#include <uapi/abi.h>

/*
 * The waiters' queues. A wait queue in every struct page would make mem_map[] several
 * times bigger for a lock almost never waited on, so, as Linux does (page_waitqueue()),
 * pages share a small table of queues, chosen by a hash of the page. A queue may hold
 * waiters of several pages: unlock_page() wakes them all and each checks its own page.
 */
#define PAGE_WAIT_TABLE_BITS 5
#define PAGE_WAIT_TABLE_SIZE (1 << PAGE_WAIT_TABLE_BITS)

static struct wait_queue page_wait_table[PAGE_WAIT_TABLE_SIZE];

void page_lock_init(void)
{
	for (int i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		init_wait_queue(&page_wait_table[i]);
}

/* The queue page's waiters sleep on: a multiplicative hash of its pfn (Knuth's). */
static struct wait_queue *page_waitqueue(const struct page *page)
{
	u64 hash = (u64)page_to_pfn(page) * 0x61c8864680b583ebULL;

	return &page_wait_table[hash >> (64 - PAGE_WAIT_TABLE_BITS)];
}

bool trylock_page(struct page *page)
{
	return !(__atomic_fetch_or(&page->flags, PG_locked, __ATOMIC_ACQUIRE) & PG_locked);
}

/*
 * Wait until page's lock is taken (take) or seen free (!take); with killable, give up
 * when SIGKILL is pending. 0 or -EINTR. The test and the sleep happen with interrupts
 * off (wait.h's rule), so an unlock cannot slip in between them.
 */
static int wait_on_page_bit(struct page *page, bool take, bool killable)
{
	struct wait_queue *wq = page_waitqueue(page);
	unsigned long flags = arch_irq_save();
	int ret = 0;

	while (take ? !trylock_page(page) : PageLocked(page)) {
		if (killable && fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		sleep_on(wq); /* a signal may wake us early: we look again */
	}
	arch_irq_restore(flags);
	return ret;
}

void lock_page(struct page *page)
{
	if (!trylock_page(page))
		wait_on_page_bit(page, true, false);
}

int lock_page_killable(struct page *page)
{
	return trylock_page(page) ? 0 : wait_on_page_bit(page, true, true);
}

void wait_on_page_locked(struct page *page)
{
	if (PageLocked(page))
		wait_on_page_bit(page, false, false);
}

void unlock_page(struct page *page)
{
	u32 old = __atomic_fetch_and(&page->flags, ~(u32)PG_locked, __ATOMIC_RELEASE);

	BUG_ON(!(old & PG_locked));
	wake_up(page_waitqueue(page));
}
