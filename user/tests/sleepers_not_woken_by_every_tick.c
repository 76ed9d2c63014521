/* EXPECT: exit 0 */
/*
 * A process asleep in nanosleep() does not run again until its time comes or a signal
 * arrives, however many clock ticks go by: 100 children sleep for 100 s (half of them in
 * nanosleep, half in clock_nanosleep on the parent's CPU-time clock, waiting for it to
 * use 100 s more) while the parent spins for 1 s of its own CPU time (100 ticks at
 * Faultline's 100 Hz, more on Linux);
 * then a SIGUSR1 to each ends its sleep (EINTR). Each child counts its own voluntary
 * context switches (getrusage(RUSAGE_THREAD)'s ru_nvcsw, Linux's count) across the
 * sleep and exits with that count: at least 1 (it did go to sleep) and a few at most
 * (the sleep, the signal), never one per tick.
 *
 * Counted, not timed. A child the signal reaches before it sleeps would sleep on: the
 * parent sends SIGUSR1 again until the child has exited.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NR_SLEEPERS  100
#define SPIN_NS      (1000 * 1000000L)
#define MAX_SWITCHES 10 /* far fewer than the ticks that go by */
#define CPUCLOCK_SCHED 2
#define CPU_CLOCK(pid) ((int)((~(unsigned int)(pid)) << 3) | CPUCLOCK_SCHED)

static long cpu_ns(void)
{
	struct timespec ts;

	CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts), 0);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void on_usr1(int sig)
{
	(void)sig;
}

static long nvcsw(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_THREAD, &ru) == 0 ? ru.ru_nvcsw : -1000;
}

/* In a child: sleep until a signal, on the clock or on parent's CPU time; exit with the
 * voluntary switches meanwhile. */
static __noreturn void sleeper(bool on_cpu_clock, pid_t parent)
{
	struct timespec long_sleep = { 100, 0 };
	long before = nvcsw(), after, r;

	if (on_cpu_clock)
		r = syscall6(__NR_clock_nanosleep, CPU_CLOCK(parent), 0, (long)&long_sleep, 0, 0, 0);
	else
		r = nanosleep(&long_sleep, NULL);
	if (r == 0)
		_exit(200); /* 100 s went by: no signal came */
	after = nvcsw();
	_exit(after - before < 0 ? 201 : after - before > 199 ? 199 : (int)(after - before));
}

/* Signal pid until it exits; its exit status. */
static int stop_sleeper(pid_t pid)
{
	const struct timespec ms10 = { 0, 10 * 1000000L };
	int status;

	for (int tries = 0; tries < 1000; tries++) {
		pid_t r;

		CHECK_EQ(kill(pid, SIGUSR1), 0);
		r = wait4(pid, &status, WNOHANG, NULL);
		CHECK(r >= 0, "wait4: %s", strerror(errno));
		if (r == pid)
			return status;
		nanosleep(&ms10, NULL);
	}
	CHECK(0, "sleeper %d did not end", pid);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	static pid_t sleepers[NR_SLEEPERS];
	long until, most = 0, fewest = 1000;
	pid_t parent = getpid();
	volatile unsigned long spins = 0;

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	for (int i = 0; i < NR_SLEEPERS; i++) {
		sleepers[i] = fork();
		CHECK(sleepers[i] >= 0, "fork: %s", strerror(errno));
		if (sleepers[i] == 0)
			sleeper(i % 2, parent);
	}
	until = cpu_ns() + SPIN_NS;
	while (cpu_ns() < until)
		spins++;

	for (int i = 0; i < NR_SLEEPERS; i++) {
		int status = stop_sleeper(sleepers[i]);

		CHECK(WIFEXITED(status) && WEXITSTATUS(status) < 200, "sleeper %d: %s", i,
		      status_str(status));
		if (WEXITSTATUS(status) > most)
			most = WEXITSTATUS(status);
		if (WEXITSTATUS(status) < fewest)
			fewest = WEXITSTATUS(status);
	}
	note("voluntary switches of a sleeper while asleep: %ld to %ld", fewest, most);
	printf("each of %d sleepers switched away 1 to %d times while asleep: %d\n", NR_SLEEPERS,
	       MAX_SWITCHES, fewest >= 1 && most <= MAX_SWITCHES);
	CHECK(fewest >= 1, "a sleeper never went to sleep: %ld voluntary switches", fewest);
	CHECK(most <= MAX_SWITCHES, "a sleeper was switched to and from %ld times", most);
	return 0;
}
