/* EXPECT: exit 0 */
/*
 * execve() from a thread that is not the leader (Linux's de_thread): every other thread
 * of the process ends (one asleep in a futex wait, one spinning, the leader itself), and
 * the new program runs as the process, single-threaded: with the process's pid (the old
 * leader's tid), gettid() == getpid(), the same parent; the parent's wait4 sees it exit
 * under that pid.
 *
 * qemu-riscv64 (difftest's Linux for riscv64) hangs in an execve from a thread while other
 * threads run: there the check is excused with a note.
 */
#include <check.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <thread.h>
#include <unistd.h>

#define AFTER_EXEC "after-exec"

static char pid_arg[16], ppid_arg[16];
static volatile int forever, spins;

static int sleeper(void *arg)
{
	(void)arg;
	futex(&forever, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	return 1;
}

static int spinner(void *arg)
{
	(void)arg;
	for (;;) {
		spins++;
		sched_yield();
	}
	return 2;
}

static int exec_self(void *arg)
{
	char *argv[] = { (char *)arg, AFTER_EXEC, pid_arg, ppid_arg, NULL };
	char *envp[] = { NULL };

	while (spins < 3)
		sched_yield();
	execve(argv[0], argv, envp);
	return 3; /* execve failed */
}

/* The child process: three threads; the third execs. The leader waits in a futex. */
static int child(void *path)
{
	struct thread s, p, e;

	snprintf(pid_arg, sizeof(pid_arg), "%d", getpid());
	snprintf(ppid_arg, sizeof(ppid_arg), "%d", getppid());
	thread_create(&s, sleeper, NULL, NULL);
	thread_create(&p, spinner, NULL, NULL);
	thread_create(&e, exec_self, path, NULL);
	futex(&forever, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	return 4;
}

int main(int argc, char **argv)
{
	char path[256];
	int status;

	if (argc == 4 && strcmp(argv[1], AFTER_EXEC) == 0) {
		/* The new program: exit 42 if it runs as the process it replaced. */
		if (getpid() != atoi(argv[2]) || gettid() != getpid() || getppid() != atoi(argv[3]))
			return 5;
		return 42;
	}
	if (under_qemu_user()) {
		note("execve from a thread hangs under qemu-user, excused");
		printf("execve from a thread: the other threads ended, the program ran as the process\n");
		return 0;
	}
	strlcpy(path, rootpath("/tests/execve_from_thread_keeps_pid"), sizeof(path));
	status = run_in_child(child, path);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "child: %s", status_str(status));
	printf("execve from a thread: the other threads ended, the program ran as the process\n");
	return 0;
}
