/* EXPECT: exit 0 */
/*
 * Threads doing what a kernel must survive, none of which may panic, hang or leak a frame
 * (runall checks the frames after every test):
 *   - 8 threads fault on the same 32 fresh pages at once, each writing its own slot of
 *     every page: all writes land (one page per address, whoever faulted it in);
 *   - a thread exits while the others are still faulting;
 *   - exit_group() races clone(): threads that keep creating threads while one of them
 *     calls exit_group(5); the process ends with exit 5, every time (20 processes);
 *   - a fatal fault while threads are being created and others sleep in futex waits on
 *     garbage and wild addresses: the process dies of SIGSEGV.
 */
#include <check.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread.h>
#include <unistd.h>

#define NR_FAULTERS 8
#define NR_PAGES    32
#define PAGE        4096

static volatile unsigned char *area;
static volatile int start;

static int fault_pages(void *arg)
{
	long index = (long)arg;

	while (!start)
		sched_yield();
	if (index == NR_FAULTERS - 1)
		return 0; /* exit at once, while the others fault */
	for (int p = 0; p < NR_PAGES; p++)
		area[p * PAGE + index] = (unsigned char)(index + 1);
	return 0;
}

static void same_pages(void)
{
	struct thread t[NR_FAULTERS];

	area = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	for (long i = 0; i < NR_FAULTERS; i++)
		CHECK(thread_create(&t[i], fault_pages, (void *)i, NULL) > 0, "clone %ld", i);
	start = 1;
	for (int i = 0; i < NR_FAULTERS; i++)
		thread_join(&t[i]);
	for (int p = 0; p < NR_PAGES; p++)
		for (int i = 0; i < NR_FAULTERS - 1; i++)
			CHECK(area[p * PAGE + i] == i + 1, "page %d slot %d: %d", p, i, area[p * PAGE + i]);
	munmap((void *)area, NR_PAGES * PAGE);
	printf("8 threads faulted the same pages: every write landed\n");
}

static volatile int spawned;

/* Make threads that make threads, until the process ends. */
static int spawner(void *arg)
{
	struct thread t;

	(void)arg;
	for (;;) {
		if (thread_create(&t, spawner, NULL, NULL) > 0)
			__atomic_add_fetch(&spawned, 1, __ATOMIC_SEQ_CST);
		sched_yield();
		if (spawned > 40)
			return 0; /* leave the others to it; its stack stays mapped */
	}
}

static int race_exit_group(void *arg)
{
	struct thread t[3];

	(void)arg;
	for (int i = 0; i < 3; i++)
		thread_create(&t[i], spawner, NULL, NULL);
	while (spawned < 10)
		sched_yield();
	syscall6(__NR_exit_group, 5, 0, 0, 0, 0, 0);
	return 6;
}

static volatile int never;

static int wild_waiter(void *arg)
{
	futex((volatile int *)arg, FUTEX_WAIT, 0, NULL, NULL, 0); /* EFAULT at once */
	futex(&never, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	return 0;
}

static int fault_among_threads(void *arg)
{
	static const unsigned long wild[] = { 0, 0x10, 0x7ffffffff000UL, 0xffff800000000000UL,
					      0x8000000000000000UL, 0xdeadbeef0UL };
	struct thread t[6], s;

	(void)arg;
	for (int i = 0; i < 6; i++)
		thread_create(&t[i], wild_waiter, (void *)wild[i], NULL);
	thread_create(&s, spawner, NULL, NULL);
	while (spawned < 5)
		sched_yield();
	*(volatile int *)0x20 = 1;
	return 7;
}

int main(void)
{
	int status;

	same_pages();
	for (int round = 0; round < 20; round++) {
		status = run_in_child(race_exit_group, NULL);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "round %d: %s", round,
		      status_str(status));
	}
	printf("exit_group racing clone: exit 5, 20 times\n");
	status = run_in_child(fault_among_threads, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s", status_str(status));
	printf("a fault among spawning and sleeping threads: %s\n", status_str(status));
	return 0;
}
