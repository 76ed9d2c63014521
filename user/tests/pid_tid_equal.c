/* EXPECT: exit 0 */
/*
 * In a single-threaded process the thread id is the process id (Linux's rule: the
 * first thread's tid is the pid), a child gets a new one, and getppid() names the parent.
 */
#include <check.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t parent_pid;

static int child_ids(void *arg)
{
	(void)arg;
	CHECK(getpid() != parent_pid, "child has its parent's pid %d", parent_pid);
	CHECK_EQ(gettid(), getpid());
	CHECK_EQ(getppid(), parent_pid);
	return 0;
}

int main(void)
{
	int status;

	parent_pid = getpid();
	CHECK(parent_pid > 0, "getpid() = %d", parent_pid);
	CHECK_EQ(gettid(), parent_pid);
	CHECK(getppid() > 0, "getppid() = %d", getppid());
	CHECK(getppid() != parent_pid, "getppid() is our own pid");
	CHECK_EQ(getpid(), parent_pid); /* stable across calls */

	status = run_in_child(child_ids, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	return 0;
}
