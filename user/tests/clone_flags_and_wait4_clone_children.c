/* EXPECT: exit 0 */
/*
 * clone() and wait4() flags, as Linux takes them:
 *
 *   - the legacy clone() looks only at the low 32 bits of its flags: a fork with bit 32
 *     or bit 63 also set is a plain fork; so is one with CLONE_DETACHED (ignored) or
 *     CLONE_UNTRACED (nobody traces us);
 *   - a child whose exit signal is not SIGCHLD (here: none) is a "clone" child: wait4
 *     sees it only with __WCLONE or __WALL, and plain wait4 gives ECHILD if it is the
 *     only child; __WCLONE in turn does not see a SIGCHLD child; __WALL sees both;
 *   - wait4 accepts __WNOTHREAD, refuses waitid()'s WEXITED and WNOWAIT (EINVAL, before
 *     anything else), and gives ESRCH for pid INT_MIN.
 *
 * qemu-riscv64 (difftest's Linux for riscv64) emulates a fork-like clone() with fork():
 * it refuses every flag but the exit signal, and any exit signal but SIGCHLD; those
 * cases are excused there with a note.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define INT_MIN  (-__INT_MAX__ - 1)
#define WEXITED  4          /* waitid() only */
#define WNOWAIT  0x01000000 /* waitid() only */

/* clone(flags) as fork: the child exits with code at once. Returns its pid or -errno. */
static long clone_exit(unsigned long flags, int code)
{
	long pid = syscall6(__NR_clone, (long)flags, 0, 0, 0, 0, 0);

	if (pid == 0)
		_exit(code);
	return pid;
}

static long wait_raw(long pid, int *status, long options)
{
	return syscall6(__NR_wait4, pid, (long)status, options, 0, 0, 0);
}

/* A fork through clone(flags) that must behave exactly as fork(). */
static void plain_fork(unsigned long flags, const char *what)
{
	long pid = clone_exit(flags, 3);
	int status = -1;

	if (pid == -EINVAL && under_qemu_user()) {
		note("clone(%s): EINVAL under qemu-user, excused", what);
		pid = clone_exit(SIGCHLD, 3);
	}
	CHECK(pid > 0, "clone(%s): %s", what, strerror((int)-pid));
	CHECK_EQ(wait_raw(pid, &status, 0), pid);
	printf("clone(%s): a fork, %s\n", what, status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "%s", status_str(status));
}

static void clone_children(void)
{
	const struct timespec ms50 = { 0, 50 * 1000 * 1000 };
	long quiet = clone_exit(0, 5); /* exit signal: none */
	long r;
	int status = -1;

	CHECK(quiet > 0, "clone(0): %s", strerror((int)-quiet));
	nanosleep(&ms50, NULL);
	r = wait_raw(-1, &status, WNOHANG);
	printf("wait4(-1) with only a clone child: %s\n", r < 0 ? strerror((int)-r) : "?");
	CHECK_ERR(r, ECHILD);
	r = wait_raw(quiet, &status, 0);
	CHECK_ERR(r, ECHILD);
	r = wait_raw(-1, &status, __WCLONE);
	printf("wait4(-1, __WCLONE): %s, %s\n", r == quiet ? "the clone child" : "?",
	       status_str(status));
	CHECK_EQ(r, quiet);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "%s", status_str(status));
}

static void wall_and_wclone(void)
{
	long forked = clone_exit(SIGCHLD, 6), quiet;
	long r, got[2];
	int status;

	CHECK(forked > 0, "clone(SIGCHLD): %s", strerror((int)-forked));
	r = wait_raw(forked, &status, __WCLONE);
	printf("wait4(fork child, __WCLONE): %s\n", r < 0 ? strerror((int)-r) : "?");
	CHECK_ERR(r, ECHILD);
	quiet = clone_exit(0, 7);
	CHECK(quiet > 0, "clone(0): %s", strerror((int)-quiet));
	got[0] = wait_raw(-1, &status, __WALL);
	got[1] = wait_raw(-1, &status, __WALL);
	printf("wait4(-1, __WALL) twice: both children %d\n",
	       (got[0] == forked && got[1] == quiet) || (got[0] == quiet && got[1] == forked));
	CHECK((got[0] == forked && got[1] == quiet) || (got[0] == quiet && got[1] == forked),
	      "got %ld and %ld, children %ld and %ld", got[0], got[1], forked, quiet);
}

static void options(void)
{
	long r = wait_raw(-1, NULL, __WNOTHREAD);

	printf("wait4(-1, __WNOTHREAD), no children: %s\n", strerror((int)-r));
	CHECK_ERR(r, ECHILD);
	r = wait_raw(-1, NULL, WEXITED);
	printf("wait4(-1, WEXITED): %s\n", strerror((int)-r));
	CHECK_ERR(r, EINVAL);
	r = wait_raw(-1, NULL, WNOWAIT);
	printf("wait4(-1, WNOWAIT): %s\n", strerror((int)-r));
	CHECK_ERR(r, EINVAL);
	r = wait_raw(INT_MIN, NULL, 0);
	printf("wait4(INT_MIN): %s\n", strerror((int)-r));
	CHECK_ERR(r, ESRCH);
	r = wait_raw(INT_MIN, NULL, WEXITED);
	printf("wait4(INT_MIN, WEXITED): %s\n", strerror((int)-r));
	CHECK_ERR(r, EINVAL);
}

/* What Linux prints for clone_children() and wall_and_wclone(), which qemu-user cannot
 * run: it refuses clone() with an exit signal other than SIGCHLD. */
static void excuse_qemu_user(void)
{
	note("qemu-user cannot make a child with another exit signal than SIGCHLD: excused");
	printf("wait4(-1) with only a clone child: %s\n", strerror(ECHILD));
	printf("wait4(-1, __WCLONE): the clone child, exit 5\n");
	printf("wait4(fork child, __WCLONE): %s\n", strerror(ECHILD));
	printf("wait4(-1, __WALL) twice: both children 1\n");
}

int main(void)
{
	plain_fork(SIGCHLD | (1UL << 32), "SIGCHLD | 1 << 32");
	plain_fork(SIGCHLD | (1UL << 63), "SIGCHLD | 1 << 63");
	plain_fork(SIGCHLD | CLONE_DETACHED | CLONE_UNTRACED, "SIGCHLD | DETACHED | UNTRACED");
	if (under_qemu_user()) {
		excuse_qemu_user();
	} else {
		clone_children();
		wall_and_wclone();
	}
	options();
	return 0;
}
