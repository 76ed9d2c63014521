/* EXPECT: exit 0 */
/*
 * Every clock id, as Linux answers for it (clock_gettime, clock_getres, clock_nanosleep):
 *
 *   REALTIME, MONOTONIC, BOOTTIME, TAI      readable, and can be slept on
 *   MONOTONIC_RAW, *_COARSE                 readable; clock_nanosleep EOPNOTSUPP
 *   PROCESS_CPUTIME_ID, THREAD_CPUTIME_ID   readable; the thread's clock cannot be slept
 *                                           on (EOPNOTSUPP)
 *   10 (SGI's, gone), 12, 13, 1000          EINVAL everywhere
 *   negative ids (CPU-time clocks)          our own process's and thread's clock (pid 0
 *                                           or ours), init's process clock: readable;
 *                                           init's thread clock, a reaped child's, a
 *                                           "which" of 3 (a file-descriptor clock, or
 *                                           with the thread bit, nothing): EINVAL
 *
 * clock_getres(id, NULL) checks the id only. clock_nanosleep checks the id, then the
 * time (EFAULT, EINVAL), then what the clock allows: sleeping on our own thread's CPU
 * time is EINVAL. A coarse clock never reads ahead of its fine one. The alarm clocks
 * (8, 9) depend on a real-time clock chip and are left out; so is sleeping on a process
 * CPU-time clock, which on Linux would wait for CPU time we never use while asleep.
 */
#include <check.h>
#include <memlayout.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD_PTR ((long)KERNEL_IMAGE)

/* Linux's encoding of a CPU-time clock id (include/linux/posix-timers.h). */
#define CPUCLOCK_PROF  0
#define CPUCLOCK_SCHED 2
#define CPU_CLOCK(pid, which, thread) ((int)((~(unsigned int)(pid)) << 3) | ((thread) << 2) | (which))

static const char *err_name(long r)
{
	switch (r) {
	case 0:
		return "0";
	case -EINVAL:
		return "EINVAL";
	case -EFAULT:
		return "EFAULT";
	case -EOPNOTSUPP:
		return "EOPNOTSUPP";
	default:
		return strerror((int)-r);
	}
}

static long sys4(long nr, long a, long b, long c, long d)
{
	return syscall6(nr, a, b, c, d, 0, 0);
}

/* Read clock id every way; sleep 1 ns on it if sleep. Prints one line. */
static void try_clock(const char *name, int id, bool sleep)
{
	struct timespec ts = { -1, -1 }, res = { -1, -1 }, ns1 = { 0, 1 };
	long get = sys4(__NR_clock_gettime, id, (long)&ts, 0, 0);
	long getres = sys4(__NR_clock_getres, id, (long)&res, 0, 0);
	long getres_null = sys4(__NR_clock_getres, id, 0, 0, 0);
	long bad = sys4(__NR_clock_gettime, id, BAD_PTR, 0, 0);

	printf("%-28s gettime %s, getres %s, getres(NULL) %s, gettime(bad ptr) %s", name,
	       err_name(get), err_name(getres), err_name(getres_null), err_name(bad));
	if (sleep)
		printf(", nanosleep(1 ns) %s",
		       err_name(sys4(__NR_clock_nanosleep, id, 0, (long)&ns1, 0)));
	printf("\n");
	if (get == 0)
		CHECK(ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L,
		      "%s: { %ld, %ld }", name, ts.tv_sec, ts.tv_nsec);
	if (getres == 0)
		CHECK(res.tv_sec == 0 && res.tv_nsec > 0, "%s: resolution { %ld, %ld }", name,
		      res.tv_sec, res.tv_nsec);
	CHECK(get == getres && get == getres_null, "%s: gettime and getres disagree", name);
	CHECK(bad == (get ? get : -EFAULT), "%s: gettime(bad pointer) %ld", name, bad);
}

static long ts_ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000L + ts->tv_nsec;
}

static void coarse_before_fine(int coarse, int fine, const char *what)
{
	struct timespec c, f;

	CHECK_EQ(clock_gettime(coarse, &c), 0);
	CHECK_EQ(clock_gettime(fine, &f), 0);
	printf("%s read first is not ahead of the fine clock: %d\n", what, ts_ns(&c) <= ts_ns(&f));
	CHECK(ts_ns(&c) <= ts_ns(&f), "%s %ld > %ld", what, ts_ns(&c), ts_ns(&f));
}

/*
 * clock_nanosleep(id, bad pointer), which Linux answers with want (the clock is checked
 * before the time): qemu-user reads the time first and says EFAULT, excused.
 */
static long nanosleep_bad_ptr(int id, long want)
{
	long r = sys4(__NR_clock_nanosleep, id, 0, BAD_PTR, 0);

	if (r == -EFAULT && want != -EFAULT && under_qemu_user()) {
		note("clock_nanosleep(%d, bad ptr): EFAULT under qemu-user, excused", id);
		r = want;
	}
	CHECK_EQ(r, want);
	return r;
}

static void nanosleep_order(void)
{
	struct timespec bad_nsec = { 0, 1000000000L }, negative = { -1, 0 }, zero = { 0, 0 };
	struct timespec past = { 0, 0 };

	printf("clock_nanosleep(MONOTONIC_RAW, bad ptr): %s\n",
	       err_name(nanosleep_bad_ptr(CLOCK_MONOTONIC_RAW, -EOPNOTSUPP)));
	printf("clock_nanosleep(12, bad ptr): %s\n", err_name(nanosleep_bad_ptr(12, -EINVAL)));
	printf("clock_nanosleep(MONOTONIC, bad ptr): %s\n",
	       err_name(sys4(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD_PTR, 0)));
	printf("clock_nanosleep(MONOTONIC, tv_nsec 10^9): %s\n",
	       err_name(sys4(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, (long)&bad_nsec, 0)));
	printf("clock_nanosleep(BOOTTIME, tv_sec -1): %s\n",
	       err_name(sys4(__NR_clock_nanosleep, CLOCK_BOOTTIME, 0, (long)&negative, 0)));
	printf("clock_nanosleep(TAI, 0 s): %s\n",
	       err_name(sys4(__NR_clock_nanosleep, CLOCK_TAI, 0, (long)&zero, 0)));
	printf("clock_nanosleep(own thread's CPU clock, 1 ns): %s\n",
	       err_name(sys4(__NR_clock_nanosleep, CPU_CLOCK(0, CPUCLOCK_SCHED, 1), 0,
			     (long)&zero, 0)));
	printf("clock_nanosleep(own thread's CPU clock, bad ptr): %s\n",
	       err_name(sys4(__NR_clock_nanosleep, CPU_CLOCK(0, CPUCLOCK_SCHED, 1), 0, BAD_PTR,
			     0)));
	printf("clock_nanosleep(fd clock, 1 ns): %s\n",
	       err_name(sys4(__NR_clock_nanosleep, CPU_CLOCK(3, 3, 0), 0, (long)&zero, 0)));
	/* A deadline already past returns at once. */
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &past), 0);
	printf("clock_nanosleep(MONOTONIC, TIMER_ABSTIME, now): %s\n",
	       err_name(sys4(__NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, (long)&past, 0)));
}

int main(void)
{
	static const struct {
		const char *name;
		int id;
		bool sleep;
	} clocks[] = {
		{ "REALTIME", CLOCK_REALTIME, true },
		{ "MONOTONIC", CLOCK_MONOTONIC, true },
		{ "PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID, false },
		{ "THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID, true },
		{ "MONOTONIC_RAW", CLOCK_MONOTONIC_RAW, true },
		{ "REALTIME_COARSE", CLOCK_REALTIME_COARSE, true },
		{ "MONOTONIC_COARSE", CLOCK_MONOTONIC_COARSE, true },
		{ "BOOTTIME", CLOCK_BOOTTIME, true },
		{ "10", 10, true },
		{ "TAI", CLOCK_TAI, true },
		{ "12", 12, true },
		{ "13", 13, true },
		{ "1000", 1000, true },
	};
	pid_t self = getpid(), gone = fork();
	char name[64];

	CHECK(gone >= 0, "fork: %s", strerror(errno));
	if (gone == 0)
		_exit(0);
	CHECK_EQ(wait_child(gone, 0), 0);

	for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++)
		try_clock(clocks[i].name, clocks[i].id, clocks[i].sleep);
	for (int which = 0; which <= 3; which++) {
		for (int thread = 0; thread <= 1; thread++) {
			static const struct {
				const char *who;
				bool sleep_ok; /* false: sleeping on it would wait for CPU time */
			} whos[] = { { "pid 0", true }, { "own pid", true }, { "init", true },
				     { "reaped child", true } };
			const pid_t pids[] = { 0, self, 1, gone };

			for (int w = 0; w < 4; w++) {
				int id = CPU_CLOCK(pids[w], which, thread);
				/* Sleeping on a process's CPU clock would wait; a thread's or a
				 * bad one answers at once. */
				bool sleep = whos[w].sleep_ok && (thread || which == 3 || w == 3);

				snprintf(name, sizeof(name), "cpu %s which %d%s", whos[w].who, which,
					 thread ? " thread" : "");
				try_clock(name, id, sleep);
			}
		}
	}
	/* The CPU-time clocks of the SCHED kind claim 1 ns, as Linux's (their ids' which = 2). */
	{
		const int sched_ids[] = { CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
					  CPU_CLOCK(0, 2, 0), CPU_CLOCK(self, 2, 0) };

		for (size_t i = 0; i < sizeof(sched_ids) / sizeof(sched_ids[0]); i++) {
			struct timespec res = { -1, -1 };

			CHECK_EQ(sys4(__NR_clock_getres, sched_ids[i], (long)&res, 0, 0), 0);
			CHECK(res.tv_sec == 0 && res.tv_nsec == 1, "clock %d: resolution { %ld, %ld }",
			      sched_ids[i], res.tv_sec, res.tv_nsec);
		}
		printf("CPU-time SCHED clocks: resolution 1 ns\n");
	}
	coarse_before_fine(CLOCK_REALTIME_COARSE, CLOCK_REALTIME, "REALTIME_COARSE");
	coarse_before_fine(CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC, "MONOTONIC_COARSE");
	nanosleep_order();
	return 0;
}
