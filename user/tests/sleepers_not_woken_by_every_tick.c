/* EXPECT: exit 0 */
/*
 * A process asleep in nanosleep() does not run again until its time comes or a signal
 * arrives, however many clock ticks go by: 100 children sleep for 100 s while the parent
 * spins for 500 ms of its own CPU time (50 ticks at Faultline's 100 Hz, more on Linux);
 * then each child is killed and reaped, and wait4's rusage must show it switched away
 * from the CPU voluntarily at least once (it did go to sleep) and at most a few times
 * (going to sleep, perhaps a page fault or exit), not once per tick.
 *
 * Counted, not timed: ru_nvcsw is Linux's count of voluntary context switches.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NR_SLEEPERS  100
#define SPIN_NS      (500 * 1000000L)
#define MAX_SWITCHES 10 /* far fewer than the ticks that go by */

static long cpu_ns(void)
{
	struct timespec ts;

	CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts), 0);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

int main(void)
{
	static pid_t sleepers[NR_SLEEPERS];
	long until, most = 0, fewest = -1;
	volatile unsigned long spins = 0;

	for (int i = 0; i < NR_SLEEPERS; i++) {
		sleepers[i] = fork();
		CHECK(sleepers[i] >= 0, "fork: %s", strerror(errno));
		if (sleepers[i] == 0) {
			struct timespec long_sleep = { 100, 0 };

			nanosleep(&long_sleep, NULL);
			_exit(1);
		}
	}
	until = cpu_ns() + SPIN_NS;
	while (cpu_ns() < until)
		spins++;

	for (int i = 0; i < NR_SLEEPERS; i++) {
		struct rusage ru;
		int status;

		CHECK_EQ(kill(sleepers[i], SIGKILL), 0);
		CHECK_EQ(wait4(sleepers[i], &status, 0, &ru), sleepers[i]);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s", status_str(status));
		if (ru.ru_nvcsw > most)
			most = ru.ru_nvcsw;
		if (fewest < 0 || ru.ru_nvcsw < fewest)
			fewest = ru.ru_nvcsw;
	}
	note("voluntary switches of a sleeper: %ld to %ld", fewest, most);
	printf("each of %d sleepers switched away 1 to %d times: %d\n", NR_SLEEPERS, MAX_SWITCHES,
	       fewest >= 1 && most <= MAX_SWITCHES);
	CHECK(fewest >= 1, "a sleeper never went to sleep: %ld voluntary switches", fewest);
	CHECK(most <= MAX_SWITCHES, "a sleeper was switched to and from %ld times", most);
	return 0;
}
