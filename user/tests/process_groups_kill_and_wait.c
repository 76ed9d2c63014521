/* EXPECT: exit 0 */
/*
 * Process groups and sessions, as Linux has them: fork inherits both; setpgid() makes
 * and joins groups; kill(0) and kill(-pgid) reach a whole group (the sender too, when it
 * is in it); wait4(0) and wait4(-pgid) wait only for children in a group, ECHILD when no
 * child is; setsid() makes a new session and group; and the errors:
 *
 *   setpgid(0, -1)                      EINVAL
 *   setpgid(not self nor a child, 0)    ESRCH
 *   setpgid(self, a group nobody is in) EPERM
 *   setpgid(by a session leader)        EPERM
 *   setsid() by a group leader          EPERM
 *   getpgid/getsid(no such process)     ESRCH
 *   kill(-pgid) of an empty group       ESRCH
 *
 * The test first makes a group of its own, so that kill(0) cannot reach anybody else
 * (on Linux, difftest's own processes). Children sit in pause() with SIGTERM at its
 * default; the test itself ignores SIGTERM once they exist.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOBODY 0x3ffffff0 /* a pid nobody has */

/* A child that waits for a signal; with own_group, in a group of its own first. */
static pid_t sleeper(bool own_group)
{
	pid_t pid = fork();

	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		if (own_group && setpgid(0, 0))
			_exit(10);
		for (;;)
			pause();
	}
	if (own_group) /* both sides, as shells do: no race with the child's own call */
		CHECK_EQ(setpgid(pid, pid), 0);
	return pid;
}

/* A child that exits with code at once; in a group of its own if own_group. */
static pid_t quitter(bool own_group, int code)
{
	pid_t pid = fork();

	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		if (own_group && setpgid(0, 0))
			_exit(10);
		_exit(code);
	}
	if (own_group)
		CHECK_EQ(setpgid(pid, pid), 0);
	return pid;
}

static int session_child(void *arg)
{
	pid_t me = getpid(), parent_group = *(pid_t *)arg;

	if (setsid() != me || getsid(0) != me || getpgid(0) != me)
		return 1;
	if (setpgid(0, parent_group) != -1 || errno != EPERM)
		return 2; /* a session leader stays in its group */
	if (setsid() != -1 || errno != EPERM)
		return 3; /* it leads a group already */
	return 0;
}

int main(void)
{
	pid_t me = getpid(), same, own, a, b;
	int status;

	CHECK_EQ(setpgid(0, 0), 0);
	CHECK_EQ(getpgid(0), me);
	CHECK_EQ(getpgrp(), me);
	CHECK_EQ(getpgid(me), me);

	/* kill(0) reaches the group, not another group; kill(-pgid) that one. */
	same = sleeper(false);
	own = sleeper(true);
	CHECK_EQ(getpgid(same), me);
	CHECK_EQ(getpgid(own), own);
	signal(SIGTERM, SIG_IGN); /* only now: the children keep the default */
	CHECK_EQ(kill(0, SIGTERM), 0);
	status = wait_child(same, 0);
	printf("kill(0, SIGTERM): the child in our group: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "%s", status_str(status));
	CHECK_EQ(waitpid(own, &status, WNOHANG), 0);
	printf("kill(0, SIGTERM): the child in its own group: still there\n");
	CHECK_EQ(kill(-own, SIGTERM), 0);
	status = wait_child(own, 0);
	printf("kill(-pgid, SIGTERM): %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "%s", status_str(status));
	CHECK(kill(-own, 0) == -1 && errno == ESRCH, "kill of an empty group: errno %d", errno);
	printf("kill(-pgid) of an empty group: ESRCH\n");

	/* wait4(0) and wait4(-pgid) wait for a group's children only. */
	a = quitter(false, 3);
	b = quitter(true, 4);
	CHECK_EQ(waitpid(0, &status, 0), a);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "%s", status_str(status));
	CHECK(waitpid(0, &status, 0) == -1 && errno == ECHILD,
	      "wait4(0) with only another group's child: errno %d", errno);
	CHECK(waitpid(-NOBODY, &status, 0) == -1 && errno == ECHILD,
	      "wait4(-pgid) of nobody's group: errno %d", errno);
	CHECK_EQ(waitpid(-b, &status, 0), b);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 4, "%s", status_str(status));
	printf("wait4(0): our group's child; then ECHILD; wait4(-pgid): that group's\n");

	/* The errors. */
	CHECK(setpgid(0, -1) == -1 && errno == EINVAL, "setpgid(0, -1): errno %d", errno);
	CHECK(setpgid(NOBODY, 0) == -1 && errno == ESRCH, "setpgid(nobody): errno %d", errno);
	CHECK(setpgid(0, NOBODY) == -1 && errno == EPERM, "setpgid(empty group): errno %d", errno);
	CHECK(setsid() == -1 && errno == EPERM, "setsid by a group leader: errno %d", errno);
	CHECK(getpgid(NOBODY) == -1 && errno == ESRCH, "getpgid(nobody): errno %d", errno);
	CHECK(getsid(NOBODY) == -1 && errno == ESRCH, "getsid(nobody): errno %d", errno);
	printf("setpgid, setsid, getpgid, getsid: Linux's errors\n");

	status = run_in_child(session_child, &me);
	printf("setsid in a child: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	return 0;
}
