/* EXPECT: exit 0 */
/*
 * A signal to a task sleeping in read() on the console (fd 0: the harness types one
 * line for the whole run and console_write_read takes it, so here read() blocks):
 *
 * - the handler has no SA_RESTART: read() returns -1 with EINTR;
 * - the handler has SA_RESTART: the handler runs (it tells us so with a SIGUSR2) and
 *   read() goes back to sleep: the child is still there 100 ms later;
 * - the child is stopped and continued, no handler involved: read() sleeps on;
 * - SIGKILL ends it while it sleeps: WTERMSIG 9.
 *
 * We cannot see inside the child whether it has reached read() yet, so SIGUSR1 is sent
 * every 20 ms until the child reacts: any sent earlier just runs the handler.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000L

static volatile int nr_acks;  /* SIGUSR2s from the child: its handler ran */

static void on_usr2(int sig)
{
	(void)sig;
	nr_acks++;
}

static void on_usr1_in_child(int sig)
{
	(void)sig;
	kill(getppid(), SIGUSR2);
}

static void sleep_ms(long ms)
{
	long end = now_ns() + ms * MS;

	for (long left; (left = end - now_ns()) > 0;) {
		struct timespec ts = { left / 1000000000L, left % 1000000000L };

		nanosleep(&ts, NULL);
	}
}

/* The child: read fd 0 until read() fails; exit with its errno (50: end of file). */
static __noreturn void reader(unsigned long sa_flags)
{
	struct sigaction sa = { .sa_handler = on_usr1_in_child, .sa_flags = sa_flags };
	char buf[128];
	ssize_t n;

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &sa.sa_mask, NULL), 0); /* the handler is ready */
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0)
		; /* a line still there (this test run alone): read on */
	_exit(n == 0 ? 50 : errno);
}

/* Start the reader with SIGUSR1 blocked, so that one sent before it has a handler waits. */
static pid_t start_reader(unsigned long sa_flags)
{
	sigset_t usr1, old;
	pid_t child;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, &old), 0);
	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0)
		reader(sa_flags);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	return child;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr2, .sa_flags = SA_RESTART };
	int status, tries;
	pid_t child;

	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);

	child = start_reader(0);
	for (tries = 0; tries < 100 && wait4(child, &status, WNOHANG, NULL) == 0; tries++) {
		kill(child, SIGUSR1);
		sleep_ms(20);
	}
	CHECK(tries < 100, "the reader did not end in 2 s of SIGUSR1s");
	printf("read(0), handler without SA_RESTART: %s (EINTR is %d)\n", status_str(status),
	       EINTR);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == EINTR, "%s", status_str(status));

	nr_acks = 0;
	child = start_reader(SA_RESTART);
	for (tries = 0; tries < 5; tries++) {
		kill(child, SIGUSR1);
		sleep_ms(20);
	}
	sleep_ms(100);
	CHECK_EQ(wait4(child, &status, WNOHANG, NULL), 0);
	printf("read(0), SA_RESTART: the handler ran %d, read() still asleep 100 ms later\n",
	       nr_acks > 0);
	CHECK(nr_acks > 0, "the child's handler never ran");

	CHECK_EQ(kill(child, SIGSTOP), 0);
	status = wait_child(child, WUNTRACED);
	CHECK(WIFSTOPPED(status), "status %#x", status);
	CHECK_EQ(kill(child, SIGCONT), 0);
	status = wait_child(child, WCONTINUED);
	CHECK(WIFCONTINUED(status), "status %#x", status);
	sleep_ms(100);
	CHECK_EQ(wait4(child, &status, WNOHANG, NULL), 0);
	printf("stopped and continued: read() still asleep 100 ms later\n");

	CHECK_EQ(kill(child, SIGKILL), 0);
	status = wait_child(child, 0);
	printf("SIGKILL: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s", status_str(status));
	return 0;
}
