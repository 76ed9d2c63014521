/* EXPECT: exit 0 */
/*
 * set_tid_address(): a thread names the word the kernel clears at its exit. It returns
 * the caller's tid; at the thread's exit the kernel writes 0 there and wakes one futex
 * waiter on it (a shared wake), as musl's pthread_join relies on. A word set to a bad
 * address is simply not written: the thread still exits and the process goes on.
 */
#include <check.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <thread.h>
#include <unistd.h>

static volatile int exit_word = -1, named, returned_tid, own_tid;

static int name_a_word(void *arg)
{
	(void)arg;
	own_tid = gettid();
	exit_word = own_tid;
	returned_tid = (int)syscall6(__NR_set_tid_address, (long)&exit_word, 0, 0, 0, 0, 0);
	named = 1;
	for (int i = 0; i < 20; i++)
		sched_yield();
	return 0;
}

static volatile int bad_named;

static int name_a_bad_word(void *arg)
{
	(void)arg;
	syscall6(__NR_set_tid_address, 0x10, 0, 0, 0, 0, 0);
	bad_named = 1;
	return 0;
}

int main(void)
{
	struct thread t, u;
	int seen;
	long r;

	CHECK_EQ(syscall6(__NR_set_tid_address, 0, 0, 0, 0, 0, 0), gettid());
	CHECK(thread_create(&t, name_a_word, NULL, NULL) > 0, "clone");
	while (!named)
		sched_yield();
	CHECK_EQ(returned_tid, own_tid);
	/* Sleep on the word until the kernel clears it (EAGAIN: it did already). */
	while ((seen = exit_word) != 0) {
		r = futex(&exit_word, FUTEX_WAIT, seen, NULL, NULL, 0);
		CHECK(r == 0 || r == -EAGAIN, "futex wait: %ld", r);
	}
	/* (No thread_join(): the thread replaced clone's word, which stays as it was.) */
	printf("set_tid_address: returns the tid; the word is zeroed and woken at exit\n");
	CHECK(thread_create(&u, name_a_bad_word, NULL, NULL) > 0, "clone");
	/* Its word is no longer clone's, so thread_join() would wait for ever: the
	 * process's exit ends it if it has not exited yet. */
	while (!bad_named)
		sched_yield();
	for (int i = 0; i < 20; i++)
		sched_yield();
	printf("a bad address: nothing written, the thread exits\n");
	return 0;
}
