/* EXPECT: exit 0 */
/*
 * A stopped task still dies of SIGKILL at once: wait4 reports WTERMSIG 9 without any
 * SIGCONT. A SIGTERM sent to a stopped task, on the other hand, waits: the task stays
 * stopped (wait4 WNOHANG finds nothing) until SIGCONT, and then dies of the SIGTERM.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t start_stopped_child(void)
{
	int status;
	pid_t child = fork();

	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0)
		for (;;)
			pause();
	CHECK_EQ(kill(child, SIGSTOP), 0);
	status = wait_child(child, WUNTRACED);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	return child;
}

int main(void)
{
	const struct timespec ms100 = { 0, 100 * 1000 * 1000 };
	int status;
	pid_t child;

	child = start_stopped_child();
	CHECK_EQ(kill(child, SIGKILL), 0);
	status = wait_child(child, 0);
	printf("SIGKILL to a stopped child: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s", status_str(status));

	child = start_stopped_child();
	CHECK_EQ(kill(child, SIGTERM), 0);
	nanosleep(&ms100, NULL);
	CHECK_EQ(wait4(child, &status, WNOHANG, NULL), 0);
	printf("SIGTERM to a stopped child: still stopped 100 ms later\n");
	CHECK_EQ(kill(child, SIGCONT), 0);
	status = wait_child(child, 0);
	printf("then SIGCONT: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "%s", status_str(status));
	return 0;
}
