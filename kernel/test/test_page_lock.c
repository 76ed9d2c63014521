/*
 * The page lock (mm/page_lock.c) between two kernel threads: one holds it, the other
 * waits in lock_page() until it is released; a fatal signal ends lock_page_killable().
 * Each thread writes what it did into an event log, so the test checks the order of
 * events, not how long anything took.
 */
#include <errno.h>
#include <kernel/kthread.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/test/ktest.h>
#include <mm/frame.h>
#include <uapi/abi.h>

enum event {
	HOLDER_LOCKED = 1,  /* the holder owns the page lock */
	WAITER_TRIED,       /* the waiter's trylock_page() failed; it calls lock_page() */
	HOLDER_UNLOCKING,   /* the holder is about to unlock_page() */
	WAITER_LOCKED,      /* the waiter's lock_page() returned */
	WAITER_GAVE_UP,     /* the waiter's lock_page_killable() returned -EINTR */
};

#define MAX_EVENTS    8
#define MAX_SCHEDULES 100000 /* a bound on waiting for the threads, so a bug fails, not hangs */

struct page_lock_test {
	struct page *page;
	bool killable;               /* the waiter uses lock_page_killable() */
	volatile bool release;       /* tells the holder to unlock */
	struct wait_queue release_wq; /* the holder sleeps here until release */
	volatile bool waiter_tried;  /* the waiter has found the lock held */
	volatile int threads_done;
	volatile int waiter_ret;     /* what lock_page_killable() returned */
	int events[MAX_EVENTS];
	volatile int nr_events;
};

static void log_event(struct page_lock_test *t, enum event e)
{
	if (t->nr_events < MAX_EVENTS)
		t->events[t->nr_events] = e;
	t->nr_events++;
}

/*
 * The test itself runs in the boot context (the idle task), which runs only when no
 * thread is runnable: so the threads sleep while they wait, and the test gives them the
 * CPU until cond holds (or the bound is reached).
 */
#define run_others_until(cond)                                          \
	do {                                                            \
		for (int _i = 0; !(cond) && _i < MAX_SCHEDULES; _i++) \
			schedule();                                     \
	} while (0)

static int holder(void *arg)
{
	struct page_lock_test *t = arg;

	lock_page(t->page);
	log_event(t, HOLDER_LOCKED);
	while (wait_event_interruptible(&t->release_wq, t->release))
		; /* no signal is sent to the holder; if one were, wait again */
	log_event(t, HOLDER_UNLOCKING);
	unlock_page(t->page);
	t->threads_done++;
	return 0;
}

static int waiter(void *arg)
{
	struct page_lock_test *t = arg;

	if (trylock_page(t->page)) { /* must not happen: the holder has it */
		unlock_page(t->page);
	} else {
		log_event(t, WAITER_TRIED);
		t->waiter_tried = true;
		if (t->killable) {
			t->waiter_ret = lock_page_killable(t->page);
		} else {
			lock_page(t->page);
			t->waiter_ret = 0;
		}
		if (t->waiter_ret == 0) {
			log_event(t, WAITER_LOCKED);
			unlock_page(t->page);
		} else {
			log_event(t, WAITER_GAVE_UP);
		}
	}
	t->threads_done++;
	return 0;
}

/* Start the holder, then the waiter (so that the waiter, which gets signals, is never
 * pid 1: init's pid, which drops SIGKILL). */
static struct task *start_threads(struct page_lock_test *t)
{
	struct task *h = kthread_create(holder, t, "page_holder");
	struct task *w = kthread_create(waiter, t, "page_waiter");

	init_wait_queue(&t->release_wq);
	KEXPECT(h && w);
	if (!h || !w)
		return NULL;
	KEXPECT(w->pid != 1);
	wake_up_task(h);
	run_others_until(t->nr_events >= 1); /* the holder has the lock */
	wake_up_task(w);
	run_others_until(t->waiter_tried && w->state == TASK_SLEEPING);
	return w;
}

KTEST(page_lock_waiter_sleeps_until_unlock)
{
	struct page_lock_test t = { .page = alloc_page() };
	unsigned long free_before;
	struct task *w;

	KEXPECT(t.page);
	if (!t.page)
		return;
	KEXPECT(!PageLocked(t.page));
	w = start_threads(&t);
	if (!w)
		return;
	/* The waiter is asleep in lock_page(): the lock is still the holder's. */
	KEXPECT_EQ(w->state, TASK_SLEEPING);
	KEXPECT(PageLocked(t.page));
	KEXPECT(!trylock_page(t.page));
	KEXPECT_EQ(t.nr_events, 2);
	free_before = nr_free_frames();
	t.release = true;
	wake_up(&t.release_wq);
	run_others_until(t.threads_done == 2);
	KEXPECT_EQ(t.threads_done, 2);
	KEXPECT_EQ(t.nr_events, 4);
	KEXPECT_EQ(t.events[0], HOLDER_LOCKED);
	KEXPECT_EQ(t.events[1], WAITER_TRIED);
	KEXPECT_EQ(t.events[2], HOLDER_UNLOCKING);
	KEXPECT_EQ(t.events[3], WAITER_LOCKED);
	KEXPECT(!PageLocked(t.page));
	schedule(); /* a switch frees the finished threads (reap_dead_tasks) */
	KEXPECT(nr_free_frames() >= free_before); /* their stacks came back */
	put_page(t.page);
}

KTEST(page_lock_killable_ends_on_sigkill_only)
{
	struct page_lock_test t = { .page = alloc_page(), .killable = true };
	struct task *w;

	KEXPECT(t.page);
	if (!t.page)
		return;
	w = start_threads(&t);
	if (!w)
		return;
	/* A signal that is not fatal wakes the waiter, which goes back to sleep. */
	send_signal(SIGUSR1, NULL, w);
	run_others_until(w->state == TASK_SLEEPING);
	KEXPECT_EQ(w->state, TASK_SLEEPING);
	KEXPECT_EQ(t.nr_events, 2);
	/* SIGKILL ends the wait: -EINTR, without the lock. */
	send_signal(SIGKILL, NULL, w);
	run_others_until(t.threads_done == 1);
	KEXPECT_EQ(t.threads_done, 1);
	KEXPECT_EQ(t.waiter_ret, -EINTR);
	KEXPECT_EQ(t.nr_events, 3);
	KEXPECT_EQ(t.events[2], WAITER_GAVE_UP);
	KEXPECT(PageLocked(t.page)); /* still the holder's */
	t.release = true;
	wake_up(&t.release_wq);
	run_others_until(t.threads_done == 2);
	KEXPECT_EQ(t.threads_done, 2);
	KEXPECT(!PageLocked(t.page));
	/* With the lock free, lock_page_killable() takes it at once, SIGKILL or not. */
	KEXPECT_EQ(lock_page_killable(t.page), 0);
	KEXPECT(!trylock_page(t.page));
	unlock_page(t.page);
	schedule();
	put_page(t.page);
}

/* wait_on_page_locked() returns once the page is unlocked, without taking the lock. */
KTEST(page_lock_wait_on_page_locked_does_not_take)
{
	struct page *page = alloc_page();

	KEXPECT(page);
	if (!page)
		return;
	wait_on_page_locked(page); /* unlocked: returns at once */
	KEXPECT(!PageLocked(page));
	KEXPECT(trylock_page(page));
	KEXPECT(!trylock_page(page));
	unlock_page(page);
	KEXPECT(!PageLocked(page));
	put_page(page);
}
