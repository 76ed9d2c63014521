/* EXPECT: exit 0 */
/*
 * Sleeping system calls and signals:
 *
 * - nanosleep interrupted by a handler returns -1 EINTR and writes the time left to
 *   *rem (between 0 and what was asked), with or without SA_RESTART: Linux never
 *   restarts nanosleep after a handler (it would sleep too long);
 * - a nanosleep stopped by SIGSTOP and continued by SIGCONT, with no handler, goes on
 *   sleeping (the kernel restarts it through restart_syscall, with the time left) and
 *   returns 0 once the whole time has passed;
 * - pause() returns -1 EINTR once a handler has run;
 * - wait4 interrupted by a handler returns EINTR without SA_RESTART and is restarted
 *   with it (it then returns the child, when that ends).
 *
 * The signals come from a child that sleeps 50 ms and then sends SIGUSR1 to us.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000L
#define SEC 1000000000L

static volatile int nr_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	nr_usr1++;
}

static void handle_usr1(unsigned long flags)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = flags };

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	nr_usr1 = 0;
}

/* A child that sleeps ms and then exits, after sending sig to us if sig != 0. */
static pid_t child_after(long ms, int sig)
{
	pid_t parent = getpid(), child = fork();

	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		struct timespec ts = { ms / 1000, ms % 1000 * MS };

		while (nanosleep(&ts, &ts) < 0)
			;
		if (sig)
			kill(parent, sig);
		_exit(0);
	}
	return child;
}

static void reap(pid_t child)
{
	int status;

	CHECK_EQ(waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
}

static void interrupted_nanosleep(unsigned long flags, const char *what)
{
	struct timespec req = { 2, 0 }, rem = { -1, -1 };
	pid_t child;
	long left;
	int r;

	handle_usr1(flags);
	child = child_after(50, SIGUSR1);
	errno = 0;
	r = nanosleep(&req, &rem);
	left = rem.tv_sec * SEC + rem.tv_nsec;
	printf("nanosleep(2 s), %s: returned %d, EINTR %d, 0 < rem < 2 s %d\n", what, r,
	       errno == EINTR, left > 0 && left < 2 * SEC);
	CHECK_EQ(r, -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(nr_usr1, 1);
	CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < SEC && left > 0 && left < 2 * SEC,
	      "rem { %ld, %ld }", rem.tv_sec, rem.tv_nsec);
	reap(child);
}

static int sleep_300ms(void *arg)
{
	const struct timespec req = { 0, 300 * MS };
	long start = now_ns();
	int r;

	(void)arg;
	r = nanosleep(&req, NULL);
	if (r != 0)
		return 10 + errno;
	return now_ns() - start >= 300 * MS ? 0 : 1;
}

static void stopped_nanosleep(void)
{
	const struct timespec ms50 = { 0, 50 * MS };
	int status;
	pid_t child = fork();

	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0)
		_exit(sleep_300ms(NULL));
	nanosleep(&ms50, NULL);
	CHECK_EQ(kill(child, SIGSTOP), 0);
	status = wait_child(child, WUNTRACED);
	CHECK(WIFSTOPPED(status), "status %#x", status);
	nanosleep(&ms50, NULL);
	CHECK_EQ(kill(child, SIGCONT), 0);
	status = wait_child(child, 0);
	printf("nanosleep(300 ms) stopped and continued: %s (0: returned 0 after >= 300 ms)\n",
	       status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "%s (1: returned early, 10+errno: failed)", status_str(status));
}

static void interrupted_wait4(unsigned long flags, const char *what)
{
	pid_t sleeper, signaller, got;
	int status = -1;

	handle_usr1(flags);
	sleeper = child_after(300, 0);
	signaller = child_after(50, SIGUSR1);
	errno = 0;
	got = wait4(sleeper, &status, 0, NULL);
	printf("wait4, %s: %s\n", what,
	       got == sleeper ? "returned the child" : got < 0 && errno == EINTR ? "EINTR" : "?");
	if (flags & SA_RESTART)
		CHECK(got == sleeper && WIFEXITED(status), "wait4 returned %d (%s)", got,
		      strerror(errno));
	else
		CHECK(got == -1 && errno == EINTR, "wait4 returned %d (%s)", got, strerror(errno));
	CHECK_EQ(nr_usr1, 1);
	if (got != sleeper)
		reap(sleeper);
	reap(signaller);
}

int main(void)
{
	pid_t child;
	int r;

	interrupted_nanosleep(0, "handler without SA_RESTART");
	interrupted_nanosleep(SA_RESTART, "handler with SA_RESTART");
	stopped_nanosleep();

	handle_usr1(0);
	child = child_after(50, SIGUSR1);
	errno = 0;
	r = pause();
	printf("pause(): returned %d, EINTR %d, handler ran %d\n", r, errno == EINTR, nr_usr1);
	CHECK_EQ(r, -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(nr_usr1, 1);
	reap(child);

	interrupted_wait4(0, "handler without SA_RESTART");
	interrupted_wait4(SA_RESTART, "handler with SA_RESTART");
	return 0;
}
