/* EXPECT: exit 0 */
/*
 * Robust futexes (set_robust_list): when a thread exits holding locks on its robust
 * list, the kernel marks each lock whose word still holds the thread's tid
 * FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and wakes one waiter; a lock on the list that
 * names another owner is left alone; a pending entry (list_op_pending) whose word is 0 is
 * only woken. set_robust_list checks the head's size (EINVAL); get_robust_list gives it
 * back, and ESRCH for a thread that does not exist.
 *
 * The list is the thread's own memory and is not trusted: a list that loops back on
 * itself is followed a bounded number of times, and a head at a wild address is
 * ignored; either thread exits normally, and its owned lock is still marked.
 *
 * qemu-riscv64 (difftest's Linux for riscv64) does not implement robust lists (ENOSYS):
 * there, the checks are excused with a note.
 */
#include <check.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <thread.h>
#include <unistd.h>

struct lock {
	struct robust_list entry;
	volatile int word;
};

#define FUTEX_OFFSET ((long)offsetof(struct lock, word) - (long)offsetof(struct lock, entry))

static struct robust_list_head head, cyclic_head;
static struct lock owned, foreign, pending, cyclic;
static volatile int holding, waiter_ready, waiter_result, main_tid;
static volatile long set_result, get_result;
static void *got_head;
static size_t got_len;

static long set_robust_list(void *h, size_t len)
{
	return syscall6(__NR_set_robust_list, (long)h, (long)len, 0, 0, 0, 0);
}

/* Takes two locks (one in the middle of being taken: pending) and dies holding them. */
static int holder(void *arg)
{
	(void)arg;
	head.list.next = &owned.entry;
	owned.entry.next = &foreign.entry;
	foreign.entry.next = &head.list;
	head.futex_offset = FUTEX_OFFSET;
	head.list_op_pending = &pending.entry;
	set_result = set_robust_list(&head, sizeof(head));
	get_result = syscall6(__NR_get_robust_list, 0, (long)&got_head, (long)&got_len, 0, 0, 0);
	owned.word = gettid();
	foreign.word = main_tid;
	pending.word = 0;
	holding = 1;
	while (!waiter_ready)
		sched_yield();
	for (int i = 0; i < 50; i++)
		sched_yield(); /* let the waiter go to sleep */
	return 0; /* exit with both locks held */
}

/* Waits for the lock like a robust mutex's lock() (a shared futex wait). */
static int waiter(void *arg)
{
	int seen;

	(void)arg;
	while (!holding)
		sched_yield();
	seen = __atomic_or_fetch(&owned.word, FUTEX_WAITERS, __ATOMIC_SEQ_CST);
	waiter_ready = 1;
	/* 0: woken by the kernel at the holder's death; EAGAIN: it was dead already. */
	waiter_result = (int)futex(&owned.word, FUTEX_WAIT, seen, NULL, NULL, 0);
	return 0;
}

/* A list whose one entry points at itself: the kernel must not follow it for ever. */
static int cyclic_holder(void *arg)
{
	(void)arg;
	cyclic_head.list.next = &cyclic.entry;
	cyclic.entry.next = &cyclic.entry;
	cyclic_head.futex_offset = FUTEX_OFFSET;
	cyclic.word = gettid();
	set_robust_list(&cyclic_head, sizeof(cyclic_head));
	return 0;
}

static int wild_holder(void *arg)
{
	(void)arg;
	set_robust_list((void *)0xdead0000UL, sizeof(head));
	return 0;
}

int main(void)
{
	struct thread h, w, c, x;
	long tid;

	main_tid = gettid();
	if (set_robust_list(&head, sizeof(head)) == -ENOSYS && under_qemu_user()) {
		note("set_robust_list: ENOSYS under qemu-user, excused");
		printf("owner died: marked OWNER_DIED|WAITERS, waiter woken, foreign lock untouched\n");
		printf("cyclic list and wild head: the threads exited, the lock marked\n");
		return 0;
	}
	CHECK_ERR(set_robust_list(&head, sizeof(head) + 1), EINVAL);
	CHECK_ERR(syscall6(__NR_get_robust_list, 0x3fffffff, (long)&got_head, (long)&got_len, 0, 0, 0),
		  ESRCH);
	CHECK_EQ(set_robust_list(NULL, sizeof(head)), 0); /* back to none for the main thread */

	tid = thread_create(&h, holder, NULL, NULL);
	CHECK(tid > 0, "clone: %ld", tid);
	CHECK(thread_create(&w, waiter, NULL, NULL) > 0, "clone");
	thread_join(&h);
	thread_join(&w);
	CHECK_EQ(set_result, 0);
	CHECK_EQ(get_result, 0);
	CHECK(got_head == &head, "get_robust_list: %p, not %p", got_head, (void *)&head);
	CHECK_EQ(got_len, sizeof(head));
	CHECK_EQ((unsigned int)owned.word, FUTEX_OWNER_DIED | FUTEX_WAITERS);
	CHECK_EQ(foreign.word, main_tid);
	CHECK_EQ(pending.word, 0);
	CHECK(waiter_result == 0 || waiter_result == -EAGAIN, "waiter: %d", waiter_result);
	printf("owner died: marked OWNER_DIED|WAITERS, waiter woken, foreign lock untouched\n");

	CHECK(thread_create(&c, cyclic_holder, NULL, NULL) > 0, "clone");
	thread_join(&c);
	CHECK_EQ((unsigned int)cyclic.word, FUTEX_OWNER_DIED);
	CHECK(thread_create(&x, wild_holder, NULL, NULL) > 0, "clone");
	thread_join(&x);
	printf("cyclic list and wild head: the threads exited, the lock marked\n");
	return 0;
}
