/* EXPECT: exit 0 */
/* DIFFERS: on Linux an orphan goes to the nearest subreaper or pid 1, which may not reap it at once; the test accepts a zombie there (read from /proc/<pid>/stat). */
/*
 * Zombies and orphans. A child that has exited stays a zombie (kill(pid, 0) still finds
 * it) until wait4 reaps it; then it is gone (ESRCH) and wait4 says ECHILD. A grandchild
 * whose parent exits first is reparented to init (getppid() becomes 1), runs to its end,
 * and init reaps it, so it disappears too and nothing waits forever. If the grandchild
 * finds the wrong parent it kills this test with SIGKILL, after printing why.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WAIT_NS (5 * 1000 * 1000 * 1000L) /* give up on a process after 5 s */

static const struct timespec ten_ms = { 0, 10 * 1000 * 1000 };

/* Linux only: true if /proc says pid is a zombie (state Z). */
static bool linux_zombie(pid_t pid)
{
	char path[64], buf[256], *state;
	int fd;
	long n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	state = strrchr(buf, ')'); /* "pid (comm) S ..." */
	return state && state[1] == ' ' && state[2] == 'Z';
}

static void check_zombie_until_reaped(void)
{
	int status;
	pid_t pid = fork();

	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(21);
	nanosleep(&ten_ms, NULL);
	nanosleep(&ten_ms, NULL);
	CHECK(kill(pid, 0) == 0, "the exited, unreaped child %d is gone: errno %d", pid, errno);
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 21, "child: %s", status_str(status));
	errno = 0;
	CHECK(kill(pid, 0) == -1 && errno == ESRCH, "reaped child %d still found: errno %d",
	      pid, errno);
	errno = 0;
	CHECK(wait4(pid, &status, 0, NULL) == -1 && errno == ECHILD,
	      "second wait4 for %d: errno %d, expected ECHILD", pid, errno);
}

static void check_many_reaped(void)
{
	pid_t pids[8];
	int status, found = 0;

	for (int i = 0; i < 8; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0, "fork: %s", strerror(errno));
		if (pids[i] == 0)
			_exit(i);
	}
	for (int n = 0; n < 8; n++) {
		pid_t got = wait4(-1, &status, 0, NULL);

		for (int i = 0; i < 8; i++)
			if (got == pids[i] && WIFEXITED(status) && WEXITSTATUS(status) == i)
				found |= 1 << i;
	}
	CHECK_EQ(found, 0xff);
	errno = 0;
	CHECK(wait4(-1, &status, WNOHANG, NULL) == -1 && errno == ECHILD,
	      "all 8 reaped, yet wait4 gave errno %d", errno);
}

/* In the grandchild: wait to be orphaned, check the new parent, then exit. */
static __noreturn void grandchild(pid_t test_pid, pid_t old_parent)
{
	long start = now_ns();

	while (getppid() == old_parent && now_ns() - start < WAIT_NS)
		nanosleep(&ten_ms, NULL);
	if (getppid() == old_parent || (on_faultline() && getppid() != 1)) {
		printf("# zombie_reaping: FAIL: orphaned grandchild has parent %d, expected %s\n",
		       getppid(), on_faultline() ? "1 (init)" : "a reaper, not its dead parent");
		kill(test_pid, SIGKILL);
	}
	_exit(0);
}

static void check_orphan_reparented(void)
{
	pid_t test_pid = getpid(), child, orphan;
	int status;
	long start;

	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		pid_t middle = getpid(), g = fork();

		if (g < 0)
			_exit(0);
		if (g == 0)
			grandchild(test_pid, middle);
		/* Tell the test who the grandchild is: pids are handed out in order here. */
		_exit(g - getpid() > 0 && g - getpid() < 255 ? g - getpid() : 0);
	}
	CHECK_EQ(wait4(child, &status, 0, NULL), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) > 0,
	      "middle child: %s (0: cannot tell the grandchild's pid)", status_str(status));
	orphan = child + WEXITSTATUS(status);

	/* The orphan is not ours to wait for; init reaps it once it has exited. */
	start = now_ns();
	while (kill(orphan, 0) == 0 && !(!on_faultline() && linux_zombie(orphan))) {
		CHECK(now_ns() - start < 2 * WAIT_NS, "orphan %d still there after 10 s", orphan);
		nanosleep(&ten_ms, NULL);
	}
	errno = 0;
	CHECK(wait4(orphan, &status, WNOHANG, NULL) == -1 && errno == ECHILD,
	      "wait4 for the orphan %d: errno %d, expected ECHILD", orphan, errno);
}

int main(void)
{
	check_zombie_until_reaped();
	check_many_reaped();
	check_orphan_reparented();
	return 0;
}
