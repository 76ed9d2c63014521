/* EXPECT: exit 0 */
/*
 * 16 threads made with the clone flags of glibc's and musl's pthread_create:
 *   - each runs with the thread pointer it was given (CLONE_SETTLS: the FS base on x86_64,
 *     tp on riscv64), and keeps it while the threads take turns on the CPU;
 *   - each has a tid of its own (gettid), and getpid() is the process's, ours;
 *   - CLONE_PARENT_SETTID wrote the tid before clone() returned;
 *   - the threads share memory: the results they write are what the main thread reads;
 *   - joining through CLONE_CHILD_CLEARTID (the kernel zeroes the tid word at the
 *     thread's exit and wakes a futex waiter there) returns once each has exited.
 */
#include <check.h>
#include <sched.h>
#include <stdio.h>
#include <thread.h>
#include <unistd.h>

#define NR_THREADS 16

struct tls_block {
	struct tls_block *self; /* what a C library keeps at the thread pointer */
	int index;
	long tid;
	long pid;
	long result;
	int bad_pointer;        /* times the thread pointer was not ours */
};

static struct tls_block blocks[NR_THREADS];
static struct thread threads[NR_THREADS];
static volatile int go;

static int thread_main(void *arg)
{
	struct tls_block *b = arg;

	while (!go)
		sched_yield();
	for (int i = 0; i < 20; i++) {
		if (thread_pointer() != b)
			b->bad_pointer++;
		sched_yield();
	}
	b->tid = gettid();
	b->pid = getpid();
	b->result = b->index * 3 + 1;
	return 0;
}

int main(void)
{
	for (int i = 0; i < NR_THREADS; i++) {
		long tid;

		blocks[i].self = &blocks[i];
		blocks[i].index = i;
		tid = thread_create(&threads[i], thread_main, &blocks[i], &blocks[i]);
		CHECK(tid > 0, "thread %d: clone: %ld", i, tid);
		CHECK_EQ(threads[i].tid, tid); /* CLONE_PARENT_SETTID, before it could exit */
		CHECK(tid != getpid(), "thread %d has the process's id", i);
	}
	go = 1;
	for (int i = 0; i < NR_THREADS; i++)
		thread_join(&threads[i]);
	for (int i = 0; i < NR_THREADS; i++) {
		CHECK_EQ(blocks[i].bad_pointer, 0);
		CHECK_EQ(blocks[i].result, i * 3 + 1);
		CHECK_EQ(blocks[i].pid, getpid());
		CHECK(blocks[i].tid > 0 && blocks[i].tid != getpid(), "tid %ld", blocks[i].tid);
		for (int j = 0; j < i; j++)
			CHECK(blocks[i].tid != blocks[j].tid, "threads %d and %d share tid %ld", i, j,
			      blocks[i].tid);
		CHECK_EQ(threads[i].tid, 0);
	}
	printf("16 threads joined, each with its own thread pointer and tid\n");
	return 0;
}
