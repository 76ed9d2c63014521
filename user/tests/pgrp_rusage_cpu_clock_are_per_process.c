/* EXPECT: exit 0 */
/*
 * Where Linux means the process, a thread's call means its process: setpgid(0, 0) from a
 * thread puts the process (named by its pid, the tgid) in a group of its own, which every
 * thread then reports; a thread's id is not a process for setpgid (EINVAL); getpgid and
 * getsid of a thread's id name its process's. getrusage(RUSAGE_SELF) counts the page
 * faults of every thread of the process, those that exited too, RUSAGE_THREAD the
 * caller's alone; CLOCK_PROCESS_CPUTIME_ID counts the CPU time of all of its threads.
 */
#include <check.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread.h>
#include <time.h>
#include <unistd.h>

#define PAGES 256

static volatile long thread_pgrp = -1, thread_tid, thread_cpu_ns;
static volatile int stop;

static long cpu_ns(int clock)
{
	struct timespec ts;

	CHECK_EQ(clock_gettime(clock, &ts), 0);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Leaves the process's group for one of the process's own; waits to be told to end. */
static int group_changer(void *arg)
{
	(void)arg;
	thread_tid = gettid();
	if (setpgid(0, 0) == 0)
		thread_pgrp = getpgid(0);
	while (!stop)
		sched_yield();
	return 0;
}

static int in_child(void *arg)
{
	struct thread t;

	(void)arg;
	CHECK(thread_create(&t, group_changer, NULL, NULL) > 0, "thread_create");
	while (thread_pgrp == -1)
		sched_yield();
	CHECK_EQ(thread_pgrp, getpid());
	CHECK_EQ(getpgrp(), getpid());
	CHECK_EQ(getpgid(thread_tid), getpid());
	CHECK_EQ(getsid(thread_tid), getsid(0));
	CHECK(setpgid(thread_tid, 0) == -1 && errno == EINVAL, "setpgid(tid): errno %d", errno);
	stop = 1;
	thread_join(&t);
	return 0;
}

/* Touches PAGES fresh pages (a minor fault each), then uses 30 ms of CPU time. */
static int worker(void *arg)
{
	char *p = arg;

	for (int i = 0; i < PAGES; i++)
		p[i * 4096] = 1;
	while (cpu_ns(CLOCK_THREAD_CPUTIME_ID) < 30000000L)
		;
	thread_cpu_ns = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
	return 0;
}

int main(void)
{
	struct rusage self0, self1, thr0, thr1;
	struct thread t;
	char *pages;
	int status;

	status = run_in_child(in_child, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));

	pages = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(pages != MAP_FAILED, "mmap");
	CHECK_EQ(getrusage(RUSAGE_SELF, &self0), 0);
	CHECK_EQ(getrusage(RUSAGE_THREAD, &thr0), 0);
	CHECK(thread_create(&t, worker, pages, NULL) > 0, "thread_create");
	thread_join(&t);
	CHECK_EQ(getrusage(RUSAGE_SELF, &self1), 0);
	CHECK_EQ(getrusage(RUSAGE_THREAD, &thr1), 0);
	CHECK(self1.ru_minflt - self0.ru_minflt >= PAGES, "RUSAGE_SELF: %ld minor faults more",
	      self1.ru_minflt - self0.ru_minflt);
	if (!under_qemu_user()) /* qemu's own faults count there */
		CHECK(thr1.ru_minflt - thr0.ru_minflt < PAGES, "RUSAGE_THREAD: %ld minor faults more",
		      thr1.ru_minflt - thr0.ru_minflt);
	CHECK(cpu_ns(CLOCK_PROCESS_CPUTIME_ID) >= thread_cpu_ns,
	      "the process's CPU time counts its exited thread's %ld ns", thread_cpu_ns);
	printf("process groups, getrusage and the process CPU clock are the process's\n");
	return 0;
}
