/* EXPECT: exit 0 */
/*
 * clock_nanosleep on a process's CPU-time clock sleeps until that process has used the
 * time, as on Linux:
 *
 *   - on another process's clock (a child that spins): returns 0 once the child has
 *     used 30 ms more of CPU time, and the child's clock then says so;
 *   - on our own process's clock: a target already reached (an absolute time at or
 *     before now, or a relative 0) returns at once; anything more cannot come while we
 *     sleep, so a handler ends it: EINTR, with the CPU time still to go in *rem;
 *   - on our own thread's clock: EINVAL (it would stop with us).
 *
 * The signal comes from a child 50 ms after it starts; sleeping on the spinning child's
 * clock ends when its CPU time says so, whatever the wall clock says.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000L
#define CPUCLOCK_SCHED 2
#define CPU_CLOCK(pid, which, thread) ((int)((~(unsigned int)(pid)) << 3) | ((thread) << 2) | (which))

static volatile int nr_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	nr_usr1++;
}

static long clock_nsleep(int id, int flags, const struct timespec *req, struct timespec *rem)
{
	return syscall6(__NR_clock_nanosleep, id, flags, (long)req, (long)rem, 0, 0);
}

static long ts_ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000L + ts->tv_nsec;
}

static void other_process(void)
{
	const struct timespec ms30 = { 0, 30 * MS };
	struct timespec before, after;
	pid_t child = fork();
	int id, status;
	long r;

	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0)
		for (;;)
			;
	id = CPU_CLOCK(child, CPUCLOCK_SCHED, 0);
	CHECK_EQ(clock_gettime(id, &before), 0);
	r = clock_nsleep(id, 0, &ms30, NULL);
	CHECK_EQ(clock_gettime(id, &after), 0);
	printf("sleep on a spinning child's CPU clock, 30 ms: %ld, child used 30 ms meanwhile %d\n",
	       r, ts_ns(&after) - ts_ns(&before) >= 30 * MS);
	CHECK_EQ(r, 0);
	CHECK(ts_ns(&after) - ts_ns(&before) >= 30 * MS, "child used %ld ns",
	      ts_ns(&after) - ts_ns(&before));
	CHECK_EQ(kill(child, SIGKILL), 0);
	status = wait_child(child, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s", status_str(status));
}

static void own_process(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct timespec now, zero = { 0, 0 }, sec = { 1, 0 }, rem = { -1, -1 };
	pid_t child;
	long r;

	CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now), 0);
	r = clock_nsleep(CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME, &now, NULL);
	printf("own CPU clock, absolute now: %ld\n", r);
	CHECK_EQ(r, 0);
	r = clock_nsleep(CLOCK_PROCESS_CPUTIME_ID, 0, &zero, NULL);
	printf("own CPU clock, relative 0: %ld\n", r);
	CHECK_EQ(r, 0);
	r = clock_nsleep(CPU_CLOCK(0, CPUCLOCK_SCHED, 1), 0, &sec, NULL);
	printf("own thread's CPU clock: %s\n", strerror((int)-r));
	CHECK_ERR(r, EINVAL);

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	child = signal_later(SIGUSR1, 50);
	r = clock_nsleep(CLOCK_PROCESS_CPUTIME_ID, 0, &sec, &rem);
	printf("own CPU clock, 1 s, then a handler: %s, handler ran %d, 0 < rem <= 1 s %d\n",
	       strerror((int)-r), nr_usr1, ts_ns(&rem) > 0 && ts_ns(&rem) <= 1000000000L);
	CHECK_ERR(r, EINTR);
	CHECK_EQ(nr_usr1, 1);
	CHECK(ts_ns(&rem) > 0 && ts_ns(&rem) <= 1000000000L, "rem { %ld, %ld }", rem.tv_sec,
	      rem.tv_nsec);
	CHECK_EQ(wait_child(child, 0), 0);
}

int main(void)
{
	other_process();
	own_process();
	return 0;
}
