/* EXPECT: exit 0 */
/*
 * Interval timers as Linux has them:
 *
 *   - ITIMER_REAL once (50 ms): getitimer() shows between 0 and 50 ms left and no
 *     interval; SIGALRM arrives (si_code SI_KERNEL), after which the timer reads 0;
 *   - ITIMER_REAL every 10 ms: SIGALRM again and again (3 counted), getitimer() returns
 *     the interval; setitimer() with a zero value disarms it and hands back the old one;
 *   - ITIMER_PROF and ITIMER_VIRTUAL on CPU time: a busy loop gets SIGPROF and SIGVTALRM;
 *   - alarm(5) returns 0, then alarm(0) returns 5 (what was left, rounded);
 *   - errors: which = 3 is EINVAL for both calls, a value with tv_usec 1000000 or a
 *     negative tv_sec is EINVAL, a bad pointer EFAULT; setitimer(NULL) disarms; a time
 *     of LONG_MAX seconds is the far future, not an overflow into the past.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile int nr_alrm, nr_prof, nr_vtalrm, alrm_code = -1;

static void on_signal(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	if (sig == SIGALRM) {
		nr_alrm++;
		alrm_code = info->si_code;
	} else if (sig == SIGPROF) {
		nr_prof++;
	} else if (sig == SIGVTALRM) {
		nr_vtalrm++;
	}
}

/* Wait (sleeping, up to 5 s) until *count reaches n. */
static void wait_for(volatile int *count, int n)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < 5000 && *count < n; i++)
		nanosleep(&ms, NULL);
	CHECK(*count >= n, "signal count %d, expected %d", *count, n);
}

/* Burn CPU time until *count reaches n (at most about 10 s of work). */
static void spin_for(volatile int *count, int n)
{
	long deadline = now_ns() + 10000000000L;

	while (*count < n && now_ns() < deadline)
		;
	CHECK(*count >= n, "signal count %d, expected %d", *count, n);
}

static struct itimerval tv(long value_us, long interval_us)
{
	struct itimerval it = { { interval_us / 1000000, interval_us % 1000000 },
				{ value_us / 1000000, value_us % 1000000 } };

	return it;
}

static void errors(void)
{
	struct itimerval it = tv(1000, 0), got;

	CHECK_ERR(syscall6(__NR_setitimer, 3, (long)&it, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_getitimer, 3, (long)&got, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_getitimer, ITIMER_REAL, 1, 0, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_setitimer, ITIMER_REAL, 1, 0, 0, 0, 0), EFAULT);
	it.it_value.tv_usec = 1000000;
	CHECK_ERR(syscall6(__NR_setitimer, ITIMER_REAL, (long)&it, 0, 0, 0, 0), EINVAL);
	it = tv(1000, 0);
	it.it_interval.tv_sec = -1;
	CHECK_ERR(syscall6(__NR_setitimer, ITIMER_PROF, (long)&it, 0, 0, 0, 0), EINVAL);
	/* NULL as the new value: disarm (Linux still accepts it). */
	it = tv(5000000, 0);
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK_EQ(syscall6(__NR_setitimer, ITIMER_REAL, 0, (long)&got, 0, 0, 0), 0);
	CHECK(got.it_value.tv_sec >= 4 && got.it_value.tv_sec <= 5, "old value %ld s",
	      got.it_value.tv_sec);
	CHECK_EQ(getitimer(ITIMER_REAL, &got), 0);
	CHECK(got.it_value.tv_sec == 0 && got.it_value.tv_usec == 0, "still armed");
	/* The end of time saturates (centuries), it does not wrap into the past. */
	it = tv(0, 0);
	it.it_value.tv_sec = __LONG_MAX__;
	it.it_interval.tv_sec = __LONG_MAX__;
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK_EQ(getitimer(ITIMER_REAL, &got), 0);
	CHECK(got.it_value.tv_sec > 1000000000L, "value %ld s", got.it_value.tv_sec);
	CHECK_EQ(setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL), 0);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | SA_RESTART };
	struct itimerval it, got;

	CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGPROF, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGVTALRM, &sa, NULL), 0);
	errors();

	it = tv(50000, 0);
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK_EQ(getitimer(ITIMER_REAL, &got), 0);
	CHECK(got.it_value.tv_sec == 0 && got.it_value.tv_usec > 0 && got.it_value.tv_usec <= 50000,
	      "left %ld.%06ld", got.it_value.tv_sec, got.it_value.tv_usec);
	CHECK(got.it_interval.tv_sec == 0 && got.it_interval.tv_usec == 0, "an interval");
	wait_for(&nr_alrm, 1);
	CHECK_EQ(alrm_code, SI_KERNEL);
	CHECK_EQ(getitimer(ITIMER_REAL, &got), 0);
	CHECK(got.it_value.tv_sec == 0 && got.it_value.tv_usec == 0, "fired, yet armed");

	it = tv(10000, 10000);
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	wait_for(&nr_alrm, 4);
	CHECK_EQ(getitimer(ITIMER_REAL, &got), 0);
	CHECK(got.it_interval.tv_sec == 0 && got.it_interval.tv_usec == 10000, "interval %ld",
	      got.it_interval.tv_usec);
	it = tv(0, 0);
	CHECK_EQ(setitimer(ITIMER_REAL, &it, &got), 0);
	CHECK(got.it_interval.tv_usec == 10000, "old interval %ld", got.it_interval.tv_usec);
	CHECK_EQ(getitimer(ITIMER_REAL, &got), 0);
	CHECK(got.it_value.tv_usec == 0 && got.it_interval.tv_usec == 0, "not disarmed");

	it = tv(20000, 20000);
	CHECK_EQ(setitimer(ITIMER_PROF, &it, NULL), 0);
	spin_for(&nr_prof, 2);
	CHECK_EQ(setitimer(ITIMER_PROF, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL), 0);
	it = tv(20000, 0);
	CHECK_EQ(setitimer(ITIMER_VIRTUAL, &it, NULL), 0);
	spin_for(&nr_vtalrm, 1);

	CHECK_EQ(alarm(5), 0);
	CHECK_EQ(alarm(0), 5);
	CHECK_EQ(alarm(0), 0);
	return 0;
}
