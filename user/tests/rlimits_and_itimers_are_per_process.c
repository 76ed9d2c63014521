/* EXPECT: exit 0 */
/*
 * Resource limits and interval timers belong to the process, not the thread (Linux keeps
 * them in signal_struct): a limit one thread sets is every thread's; a timer a thread
 * arms is the process's (getitimer in another thread reports it), keeps running after
 * that thread exits, and its SIGALRM goes to the process, so a thread still alive takes
 * it.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <thread.h>
#include <time.h>
#include <unistd.h>

static volatile int nr_alrm, alrm_tid;
static volatile int thread_tid;
static struct rlimit nofile; /* ours at the start */

static void on_alrm(int sig)
{
	(void)sig;
	nr_alrm++;
	alrm_tid = gettid();
}

/* Sets a limit and two timers, then exits. */
static int setter(void *arg)
{
	struct rlimit lower = { 20, nofile.rlim_max };
	struct itimerval real = { { 0, 0 }, { 0, 50000 } };       /* once, in 50 ms */
	struct itimerval virt = { { 7, 0 }, { 1000, 0 } };        /* far away, every 7 s */

	(void)arg;
	thread_tid = gettid();
	if (setrlimit(RLIMIT_NOFILE, &lower) < 0)
		return 1;
	if (setitimer(ITIMER_VIRTUAL, &virt, NULL) < 0)
		return 2;
	if (setitimer(ITIMER_REAL, &real, NULL) < 0)
		return 3;
	return 0;
}

int main(void)
{
	struct rlimit got;
	struct itimerval it, off = { { 0, 0 }, { 0, 0 } };
	struct timespec ms = { 0, 1000000 };
	struct sigaction sa;
	struct thread t;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alrm;
	CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &nofile), 0);
	CHECK(thread_create(&t, setter, NULL, NULL) > 0, "thread_create");
	thread_join(&t);

	/* The thread's setrlimit is ours. */
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &got), 0);
	CHECK_EQ(got.rlim_cur, 20);
	CHECK_EQ(got.rlim_max, nofile.rlim_max);

	/* Its timers are ours, and the real one still runs after it exited. */
	CHECK_EQ(getitimer(ITIMER_VIRTUAL, &it), 0);
	CHECK_EQ(it.it_interval.tv_sec, 7);
	CHECK(it.it_value.tv_sec > 0, "ITIMER_VIRTUAL is armed: %ld s left", (long)it.it_value.tv_sec);
	CHECK_EQ(setitimer(ITIMER_VIRTUAL, &off, NULL), 0);
	CHECK_EQ(getitimer(ITIMER_REAL, &it), 0);
	CHECK(nr_alrm || it.it_value.tv_sec || it.it_value.tv_usec, "ITIMER_REAL still armed");
	for (int i = 0; i < 5000 && !nr_alrm; i++)
		nanosleep(&ms, NULL);
	CHECK_EQ(nr_alrm, 1);
	CHECK_EQ(alrm_tid, getpid()); /* the thread that set it is gone: the process took it */

	/* Our limit, set here, is what a prlimit on us (any thread id of ours) reads. */
	got.rlim_cur = 19;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &got), 0);
	CHECK_EQ(prlimit(getpid(), RLIMIT_NOFILE, NULL, &got), 0);
	CHECK_EQ(got.rlim_cur, 19);
	printf("limits and interval timers are the process's, shared by its threads\n");
	return 0;
}
