/* EXPECT: exit 0 */
/*
 * fork() and wait4() with Linux's status encoding: exit(42) reads back as WIFEXITED and
 * WEXITSTATUS 42 (and only the low 8 bits of an exit code survive); a child that touches
 * NULL reads back as WIFSIGNALED with WTERMSIG SIGSEGV; WNOHANG returns 0 while a child
 * runs; wait4 with no children gives ECHILD; the child sees its parent in getppid(), and
 * gets a copy of memory: its writes do not reach the parent.
 */
#include <check.h>
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t parent_pid;
static volatile int shared_looking = 7;

static int exit_code(void *code)
{
	return (int)(long)code;
}

static int write_null(void *arg)
{
	(void)arg;
	*(volatile int *)NULL = 1;
	return 100; /* not reached */
}

static int read_null(void *arg)
{
	(void)arg;
	return *(volatile int *)NULL;
}

static int check_parent(void *arg)
{
	(void)arg;
	if (getppid() != parent_pid)
		return 1;
	if (shared_looking != 7)
		return 2;
	shared_looking = 99; /* our copy only */
	return 0;
}

static void check_exit_codes(void)
{
	int status = run_in_child(exit_code, (void *)42L);

	CHECK(WIFEXITED(status) && !WIFSIGNALED(status), "exit(42): %s", status_str(status));
	CHECK_EQ(WEXITSTATUS(status), 42);
	CHECK_EQ(status, 42 << 8);
	status = run_in_child(exit_code, (void *)0L);
	CHECK_EQ(status, 0);
	status = run_in_child(exit_code, (void *)(256L + 7));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "exit(263): %s", status_str(status));
}

static void check_killed(void)
{
	int status = run_in_child(write_null, NULL);

	CHECK(WIFSIGNALED(status) && !WIFEXITED(status) && WTERMSIG(status) == SIGSEGV,
	      "store to NULL: %s, expected signal 11", status_str(status));
	status = run_in_child(read_null, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "load from NULL: %s, expected signal 11", status_str(status));
}

static void check_wnohang(void)
{
	const struct timespec tenth = { 0, 100 * 1000 * 1000 };
	int status = -1;
	pid_t pid = fork();

	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		nanosleep(&tenth, NULL);
		nanosleep(&tenth, NULL);
		_exit(5);
	}
	CHECK_EQ(wait4(pid, &status, WNOHANG, NULL), 0);
	CHECK_EQ(status, -1); /* untouched when nothing was reaped */
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "child: %s", status_str(status));
}

static void check_several(void)
{
	pid_t pids[3];
	int seen[3] = { 0 }, status;

	for (int i = 0; i < 3; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0, "fork: %s", strerror(errno));
		if (pids[i] == 0)
			_exit(10 + i);
	}
	/* A specific pid first, then any child, each exactly once. */
	CHECK_EQ(wait4(pids[1], &status, 0, NULL), pids[1]);
	CHECK_EQ(WEXITSTATUS(status), 11);
	seen[1] = 1;
	for (int n = 0; n < 2; n++) {
		pid_t got = wait4(-1, &status, 0, NULL);
		int i = got == pids[0] ? 0 : got == pids[2] ? 2 : -1;

		CHECK(i >= 0 && !seen[i], "wait4(-1) returned %d", got);
		CHECK_EQ(WEXITSTATUS(status), 10 + i);
		seen[i] = 1;
	}
}

int main(void)
{
	int status;

	parent_pid = getpid();
	CHECK_ERR(syscall6(__NR_wait4, -1, 0, 0, 0, 0, 0), ECHILD);
	CHECK_ERR(syscall6(__NR_wait4, parent_pid, 0, 0, 0, 0, 0), ECHILD);
	CHECK_ERR(syscall6(__NR_wait4, -1, 0, WNOHANG, 0, 0, 0), ECHILD);

	check_exit_codes();
	check_killed();
	check_wnohang();
	check_several();

	status = run_in_child(check_parent, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "child: %s (1: wrong getppid, 2: memory not copied)", status_str(status));
	CHECK_EQ(shared_looking, 7);

	errno = 0;
	CHECK(wait4(-1, &status, 0, NULL) == -1 && errno == ECHILD,
	      "all reaped, but wait4 gave errno %d", errno);
	return 0;
}
