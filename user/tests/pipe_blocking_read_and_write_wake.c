/* EXPECT: exit 0 */
/*
 * Sleeping on a pipe, and being woken:
 * - the parent reads an empty pipe and sleeps until its child, 50 ms later, writes: the
 *   read returns the child's bytes;
 * - the parent writes 200000 bytes in one write(), three times what the pipe holds: it
 *   sleeps whenever the pipe is full and goes on as the child reads; write() returns
 *   200000 and the child receives every byte, in order;
 * - a child blocked reading an empty pipe wakes with end of file when the last write
 *   end closes (its own was closed at once, the parent's goes later).
 */
#include <check.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BIG 200000

static unsigned char big[BIG];

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* Read the pipe to its end; exit 0 if the bytes were big[] exactly. */
static __noreturn void drain(int fd)
{
	static unsigned char buf[5000];
	size_t total = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (total + (size_t)n > BIG || memcmp(buf, big + total, (size_t)n))
			_exit(2);
		total += (size_t)n;
	}
	_exit(n == 0 && total == BIG ? 0 : 3);
}

int main(void)
{
	char buf[16];
	int fds[2], status;
	pid_t child;

	for (size_t i = 0; i < BIG; i++)
		big[i] = (unsigned char)(i * 7 + i / 251);

	CHECK_EQ(pipe(fds), 0);
	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		sleep_ms(50);
		_exit(write(fds[1], "wake", 4) == 4 ? 0 : 1);
	}
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 4);
	CHECK(!memcmp(buf, "wake", 4), "read something else");
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));

	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		close(fds[1]);
		drain(fds[0]);
	}
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(write(fds[1], big, BIG), BIG);
	CHECK_EQ(close(fds[1]), 0);
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "reader: %s", status_str(status));

	CHECK_EQ(pipe(fds), 0);
	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		close(fds[1]);
		_exit(read(fds[0], buf, sizeof(buf)) == 0 ? 0 : 1);
	}
	sleep_ms(50);
	CHECK_EQ(close(fds[1]), 0);
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "reader: %s", status_str(status));
	CHECK_EQ(close(fds[0]), 0);
	return 0;
}
