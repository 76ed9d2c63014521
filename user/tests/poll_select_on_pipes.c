/* EXPECT: exit 0 */
/*
 * poll(), select(), ppoll() and pselect() on pipes, the console and a file:
 * - an empty pipe: poll with timeout 0 and 30 ms returns 0, the write end is POLLOUT;
 *   with bytes in it the read end is POLLIN; a closed write end makes it POLLHUP (even
 *   with events 0) and a closed read end makes the write end POLLOUT|POLLERR;
 * - a descriptor not open is POLLNVAL, a negative one is skipped (revents 0);
 * - a regular file is always POLLIN|POLLOUT; fd 1 (the console) POLLOUT;
 * - poll() with no timeout sleeps until a child writes;
 * - select() sees the same, replaces the sets with the ready ones, returns 0 with empty
 *   sets on timeout, and fails with EBADF for a closed descriptor in a set;
 * - ppoll() and pselect() with a mask that unblocks a pending SIGUSR1: EINTR, the
 *   handler ran, and the old mask is back afterwards;
 * - bad arguments: EFAULT for an unreadable array, EINVAL for more entries than
 *   RLIMIT_NOFILE and for a bad timeout.
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* revents of one poll() on fd for events, with timeout 0; fails unless it returns want. */
static int poll_one(int fd, short events, int want)
{
	struct pollfd p = { fd, events, 0x7fff };

	CHECK_EQ(poll(&p, 1, 0), want);
	return p.revents;
}

static void check_sigmask_calls(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct timespec zero = { 0, 0 };
	sigset_t usr1, empty, now;
	int fds[2];
	struct pollfd p;
	fd_set rd;

	CHECK_EQ(pipe(fds), 0);
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&empty);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);

	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(handled, 0);
	p = (struct pollfd){ fds[0], POLLIN, 0 };
	errno = 0;
	CHECK_EQ(ppoll(&p, 1, NULL, &empty), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(handled, 1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	CHECK(sigismember(&now, SIGUSR1), "ppoll did not put the mask back");

	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	errno = 0;
	CHECK_EQ(pselect(fds[0] + 1, &rd, NULL, NULL, &zero, &empty), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(handled, 2);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	CHECK(sigismember(&now, SIGUSR1), "pselect did not put the mask back");
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &usr1, NULL), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

int main(void)
{
	struct pollfd two[2];
	struct timeval tv;
	fd_set rd, wr;
	int fds[2], fd, status;
	pid_t child;

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(poll_one(fds[0], POLLIN, 0), 0);
	two[0] = (struct pollfd){ fds[0], POLLIN, 0 };
	CHECK_EQ(poll(two, 1, 30), 0);
	CHECK_EQ(poll_one(fds[1], POLLIN | POLLOUT, 1), POLLOUT);
	CHECK_EQ(write(fds[1], "x", 1), 1);
	CHECK_EQ(poll_one(fds[0], POLLIN | POLLOUT, 1), POLLIN);
	two[0] = (struct pollfd){ fds[0], POLLIN, 0 };
	two[1] = (struct pollfd){ fds[1], POLLOUT, 0 };
	CHECK_EQ(poll(two, 2, -1), 2);
	CHECK_EQ(two[0].revents, POLLIN);
	CHECK_EQ(two[1].revents, POLLOUT);

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fds[0], &rd);
	FD_SET(fds[1], &rd);
	FD_SET(fds[0], &wr);
	FD_SET(fds[1], &wr);
	tv = (struct timeval){ 0, 0 };
	CHECK_EQ(select(fds[1] + 1, &rd, &wr, NULL, &tv), 2);
	CHECK(FD_ISSET(fds[0], &rd) && !FD_ISSET(fds[1], &rd), "read set");
	CHECK(!FD_ISSET(fds[0], &wr) && FD_ISSET(fds[1], &wr), "write set");

	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(poll_one(fds[0], 0, 1), POLLHUP);
	CHECK_EQ(poll_one(fds[0], POLLIN, 1), POLLIN | POLLHUP);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(poll_one(fds[0], POLLIN, 1), POLLNVAL);
	two[0] = (struct pollfd){ -1, POLLIN, 0x55 };
	CHECK_EQ(poll(two, 1, 0), 0);
	CHECK_EQ(two[0].revents, 0);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	tv = (struct timeval){ 0, 0 };
	CHECK_ERR(syscall6(__NR_pselect6, fds[0] + 1, (long)&rd, 0, 0, (long)&(struct timespec){ 0, 0 }, 0),
		  EBADF);

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(poll_one(fds[1], POLLOUT, 1), POLLOUT | POLLERR);
	CHECK_EQ(close(fds[1]), 0);

	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open /data/hello.txt");
	CHECK_EQ(poll_one(fd, POLLIN | POLLOUT | POLLPRI, 1), POLLIN | POLLOUT);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(poll_one(1, POLLOUT, 1), POLLOUT);

	CHECK_EQ(pipe(fds), 0);
	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		struct timespec ts = { 0, 50 * 1000000L };

		nanosleep(&ts, NULL);
		_exit(write(fds[1], "y", 1) == 1 ? 0 : 1);
	}
	two[0] = (struct pollfd){ fds[0], POLLIN, 0 };
	CHECK_EQ(poll(two, 1, -1), 1);
	CHECK_EQ(two[0].revents, POLLIN);
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	FD_ZERO(&rd);
	FD_SET(fds[1], &rd); /* a write end never has bytes to read */
	tv = (struct timeval){ 0, 20000 };
	CHECK_EQ(select(fds[1] + 1, &rd, NULL, NULL, &tv), 0);
	CHECK(!FD_ISSET(fds[1], &rd), "the set is not emptied on timeout");

	CHECK_ERR(syscall6(__NR_ppoll, 0x10, 1, 0, 0, 8, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_ppoll, (long)two, 0x7fffffff, 0, 0, 8, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_ppoll, (long)two, 1, (long)&(struct timespec){ 0, -1 }, 0, 8, 0),
		  EINVAL);
	CHECK_ERR(syscall6(__NR_ppoll, (long)two, 1, 0, (long)&rd, 4, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_pselect6, -1, 0, 0, 0, 0, 0), EINVAL);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);

	check_sigmask_calls();
	return 0;
}
