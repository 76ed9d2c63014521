/* EXPECT: exit 0 */
/*
 * Stop, continue and kill reach a multi-threaded process as a whole (four threads, all
 * busy): SIGSTOP stops it and wait4(WUNTRACED) reports the stop once, for the process's
 * pid; SIGCONT resumes it, reported once to wait4(WCONTINUED); SIGKILL ends a stopped
 * process, every thread, and wait4 reports the kill once.
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread.h>
#include <unistd.h>

static volatile unsigned long spins;

static int spin(void *arg)
{
	(void)arg;
	for (;;) {
		spins++;
		sched_yield();
	}
	return 0;
}

static long wait_raw(pid_t pid, int *status, int options)
{
	return syscall6(__NR_wait4, pid, (long)status, options, 0, 0, 0);
}

int main(void)
{
	kernel_sigset_t usr1 = { { 1UL << (SIGUSR1 - 1) } };
	int status = 0;
	pid_t pid;

	/* The child says with SIGUSR1 that its threads run; we take it with sigtimedwait. */
	CHECK_EQ(syscall6(__NR_rt_sigprocmask, SIG_BLOCK, (long)&usr1, 0, sizeof(usr1), 0, 0), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		struct thread t[3];

		for (int i = 0; i < 3; i++)
			if (thread_create(&t[i], spin, NULL, NULL) <= 0) {
				kill(getppid(), SIGUSR1);
				_exit(9); /* no threads: the wait4 below says so */
			}
		kill(getppid(), SIGUSR1);
		spin(NULL);
	}
	CHECK_EQ(syscall6(__NR_rt_sigtimedwait, (long)&usr1, 0, 0, sizeof(usr1), 0, 0), SIGUSR1);
	CHECK_EQ(syscall6(__NR_kill, pid, SIGSTOP, 0, 0, 0, 0), 0);
	status = wait_child(pid, WUNTRACED);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "%s", status_str(status));
	CHECK_EQ(wait_raw(pid, &status, WUNTRACED | WNOHANG), 0); /* reported once */
	printf("SIGSTOP: the process stopped, reported once\n");

	CHECK_EQ(syscall6(__NR_kill, pid, SIGCONT, 0, 0, 0, 0), 0);
	status = wait_child(pid, WCONTINUED);
	CHECK(WIFCONTINUED(status), "%s", status_str(status));
	CHECK_EQ(wait_raw(pid, &status, WCONTINUED | WNOHANG), 0);
	printf("SIGCONT: it went on, reported once\n");

	CHECK_EQ(syscall6(__NR_kill, pid, SIGSTOP, 0, 0, 0, 0), 0);
	status = wait_child(pid, WUNTRACED);
	CHECK(WIFSTOPPED(status), "%s", status_str(status));
	CHECK_EQ(syscall6(__NR_kill, pid, SIGKILL, 0, 0, 0, 0), 0);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s", status_str(status));
	CHECK_ERR(wait_raw(pid, &status, WNOHANG), ECHILD);
	printf("SIGKILL: the stopped process died, every thread\n");
	return 0;
}
