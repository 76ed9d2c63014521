/*
 * The siginfo of pending signals (Linux's struct sigqueue), one entry per signal sent
 * and not yet delivered, on the target task's sigqueue list in the order they were sent.
 *
 * The rules, Linux's (kernel/signal.c, __send_signal_locked and collect_signal):
 *   - a standard signal (1..31) is pending at most once: a second one sent while the
 *     first is pending is dropped, siginfo and all;
 *   - a real-time signal (SIGRTMIN..SIGRTMAX) queues: each one sent is delivered once,
 *     with its own siginfo, in the order sent; the pending bit stays set until the last
 *     of them is taken;
 *   - the entries are limited (Linux's RLIMIT_SIGPENDING, counted per user; here there
 *     is one user, so one count for the system). Over the limit a real-time signal with
 *     a siginfo from sigqueue(), tgkill() or the like is refused with -EAGAIN; one from
 *     kill() still becomes pending, but without an entry (its siginfo is lost, and it
 *     arrives as SI_USER from pid 0). Standard signals from kill() or the kernel are not
 *     held to the limit: at most 31 of them can be pending per task anyway.
 *
 * So a user can make the kernel hold at most sigpending_limit() entries, whatever it
 * does, and every entry is freed when delivered, flushed or its task ends.
 */
#include <arch.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>

struct sigqueue {
	struct list_head list; /* in task->sigqueue or sighand->shared_sigqueue, oldest first */
	siginfo_t info;
};

/* Entries on every task's sigqueue together. Each list is under its task's siglock;
 * the count, shared by all of them, under its own lock, taken inside a siglock. */
/*
 * Entries queued in all, against sigpending_limit(). Changed with atomic adds, not under
 * a lock (Linux counts them per user the same way, with atomic ucounts): a sender adds
 * one, and takes it back if that went over the limit.
 */
static unsigned long nr_sigqueued;

/*
 * Linux's default RLIMIT_SIGPENDING is max_threads / 2, and max_threads is what fits
 * when kernel stacks take an eighth of memory: 16 KiB stacks, so one thread per 32
 * frames, and one signal per 64 frames (at least 10: Linux's floor of 20 threads).
 */
unsigned long sigpending_limit(void)
{
	unsigned long limit = nr_managed_frames() / 64;

	return limit < 10 ? 10 : limit;
}

struct sigqueue *sigqueue_alloc(void)
{
	return kmalloc(sizeof(struct sigqueue));
}

void sigqueue_free_unused(struct sigqueue *q)
{
	kfree(q);
}

bool sigqueue_add(struct list_head *queue, struct sigqueue *q, int sig, const siginfo_t *info,
		  bool override_limit)
{
	if (!q)
		return false;
	if (__atomic_add_fetch(&nr_sigqueued, 1, __ATOMIC_RELAXED) > sigpending_limit() &&
	    !override_limit) {
		__atomic_sub_fetch(&nr_sigqueued, 1, __ATOMIC_RELAXED);
		return false;
	}
	if (info) {
		q->info = *info;
	} else {
		memset(&q->info, 0, sizeof(q->info));
		q->info.si_code = SI_KERNEL;
	}
	q->info.si_signo = sig;
	list_add_tail(&q->list, queue);
	return true;
}

/* Unlink q from its task's queue and free it. Its task's siglock held. */
static void sigqueue_del(struct sigqueue *q)
{
	list_del(&q->list);
	__atomic_sub_fetch(&nr_sigqueued, 1, __ATOMIC_RELAXED);
	kfree(q);
}

bool sigqueue_collect(struct list_head *queue, int sig, siginfo_t *info)
{
	struct sigqueue *first = NULL;
	struct list_head *pos;

	list_for_each(pos, queue) {
		struct sigqueue *q = list_entry(pos, struct sigqueue, list);

		if (q->info.si_signo != sig)
			continue;
		if (first) { /* a second one: the signal stays pending */
			*info = first->info;
			sigqueue_del(first);
			return true;
		}
		first = q;
	}
	if (first) {
		*info = first->info;
		sigqueue_del(first);
	} else {
		/* Sent without an entry (over the limit, out of memory, SIGKILL). */
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
	return false;
}

void sigqueue_flush(struct list_head *queue, unsigned long mask)
{
	struct list_head *pos, *tmp;

	list_for_each_safe(pos, tmp, queue) {
		struct sigqueue *q = list_entry(pos, struct sigqueue, list);

		if (sigmask(q->info.si_signo) & mask)
			sigqueue_del(q);
	}
}
