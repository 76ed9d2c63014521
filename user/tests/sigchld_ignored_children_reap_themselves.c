/* EXPECT: exit 0 */
/*
 * With SIGCHLD set to SIG_IGN (or SA_NOCLDWAIT), children leave no zombies: wait4 waits
 * for them all to end and then fails with ECHILD (POSIX, and Linux). Back to SIG_DFL,
 * a child is a zombie until reaped again.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int quick(void *arg)
{
	(void)arg;
	return 0;
}

static void spawn(int n)
{
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		CHECK(pid >= 0, "fork");
		if (pid == 0)
			_exit(quick(NULL));
	}
}

int main(void)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, dfl = { .sa_handler = SIG_DFL };
	struct sigaction nowait = { .sa_handler = SIG_DFL, .sa_flags = SA_NOCLDWAIT };
	int status;
	pid_t pid;

	CHECK_EQ(sigaction(SIGCHLD, &ign, NULL), 0);
	spawn(3);
	CHECK_EQ(wait4(-1, &status, 0, NULL), -1);
	CHECK_EQ(errno, ECHILD);
	printf("SIGCHLD ignored: 3 children, then wait4 gives ECHILD\n");

	CHECK_EQ(sigaction(SIGCHLD, &nowait, NULL), 0);
	spawn(2);
	if (under_qemu_user()) { /* qemu-user does not pass SA_NOCLDWAIT on to Linux */
		while (wait4(-1, &status, 0, NULL) > 0)
			;
		note("qemu-user: SA_NOCLDWAIT children were left as zombies, reaped by hand");
	} else {
		CHECK_EQ(wait4(-1, &status, 0, NULL), -1);
		CHECK_EQ(errno, ECHILD);
	}
	printf("SA_NOCLDWAIT: 2 children, then wait4 gives ECHILD\n");

	CHECK_EQ(sigaction(SIGCHLD, &dfl, NULL), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(5);
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "status %s", status_str(status));
	printf("SIG_DFL again: the child is reaped with exit 5\n");
	return 0;
}
