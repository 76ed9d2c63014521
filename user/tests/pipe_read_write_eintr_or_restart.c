/* EXPECT: exit 0 */
/*
 * A signal to a task asleep on a pipe, by Linux's rules:
 * - a read with nothing read yet, handler without SA_RESTART: -1 with EINTR;
 * - the same with SA_RESTART: the handler runs and read() sleeps on, then returns the
 *   bytes written after the signal;
 * - a write that has put some bytes in and sleeps for room: the signal ends it with the
 *   count written so far (65536, what the pipe holds), SA_RESTART or not.
 * We cannot see the child reach its sleep, so SIGUSR1 is sent every 20 ms until the
 * child ends (any sent earlier just runs the handler); with SA_RESTART, until its handler
 * has said so by a byte on a second pipe, and four times more.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int acks[2]; /* the child writes a byte here from its handler */

static void on_usr1(int sig)
{
	(void)sig;
	write(acks[1], "!", 1);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static void install(unsigned long flags)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
}

/* Send SIGUSR1 every 20 ms until the child's handler writes its ack (at most 2 s). */
static void signal_until_ack(pid_t child)
{
	char c;

	for (int tries = 0; tries < 100; tries++) {
		kill(child, SIGUSR1);
		sleep_ms(20);
		if (read(acks[0], &c, 1) == 1)
			return;
	}
	CHECK(0, "the child's handler never ran");
}

/* Send SIGUSR1 every 20 ms until the child ends (at most 2 s); its status. */
static int signal_until_exit(pid_t child)
{
	int status;

	for (int tries = 0; tries < 100; tries++) {
		kill(child, SIGUSR1);
		sleep_ms(20);
		if (wait4(child, &status, WNOHANG, NULL) == child)
			return status;
	}
	CHECK(0, "the child did not end in 2 s of SIGUSR1s");
	return 0;
}

/* Fork a child running body(fd, flags) with SIGUSR1's handler installed; SIGUSR1 stays
 * blocked until then, so an early one waits for the handler. */
static pid_t start(void (*body)(int fd, unsigned long flags), int fd, unsigned long flags)
{
	sigset_t usr1, old;
	pid_t child;
	char c;

	while (read(acks[0], &c, 1) == 1)
		; /* acks of the previous round */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, &old), 0);
	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		install(flags);
		sigprocmask(SIG_SETMASK, &old, NULL);
		body(fd, flags);
		_exit(99);
	}
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	return child;
}

static void reader(int fd, unsigned long flags)
{
	char buf[8];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (flags & SA_RESTART)
		_exit(n == 5 && !memcmp(buf, "later", 5) ? 0 : 1);
	_exit(n == -1 && errno == EINTR ? 0 : 1);
}

static void writer(int fd, unsigned long flags)
{
	static char big[100000];
	ssize_t n = write(fd, big, sizeof(big));

	(void)flags;
	_exit(n == 65536 ? 0 : 1);
}

int main(void)
{
	int fds[2], status;
	pid_t child;

	CHECK_EQ(pipe2(acks, O_NONBLOCK), 0);
	CHECK_EQ(pipe(fds), 0);

	child = start(reader, fds[0], 0);
	status = signal_until_exit(child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "read, no SA_RESTART: %s",
	      status_str(status));

	child = start(reader, fds[0], SA_RESTART);
	signal_until_ack(child);
	for (int i = 0; i < 4; i++) {
		kill(child, SIGUSR1);
		sleep_ms(20);
	}
	CHECK_EQ(wait4(child, &status, WNOHANG, NULL), 0); /* still asleep in read() */
	CHECK_EQ(write(fds[1], "later", 5), 5);
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "read, SA_RESTART: %s",
	      status_str(status));

	for (int restart = 0; restart < 2; restart++) {
		child = start(writer, fds[1], restart ? SA_RESTART : 0);
		status = signal_until_exit(child);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "write (SA_RESTART %d): %s",
		      restart, status_str(status));
		/* Empty the pipe for the next round. */
		for (int left = 65536; left > 0;) {
			static char buf[4096];
			ssize_t n = read(fds[0], buf, sizeof(buf));

			CHECK(n > 0, "draining: %ld", (long)n);
			left -= (int)n;
		}
	}
	return 0;
}
