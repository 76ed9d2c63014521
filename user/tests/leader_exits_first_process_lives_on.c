/* EXPECT: exit 0 */
/*
 * The leader (the first thread) calls exit() (the system call, not exit_group) while
 * its other threads run on:
 *   - the process lives on: its threads still run and see the same pid and parent, and
 *     kill(pid, 0) still finds it;
 *   - wait4 does not report it (WNOHANG: 0) until its last thread has exited; then it
 *     reports it once, with the exit status of the thread that exited last (9), not the
 *     leader's (7): Linux's answer.
 * Each thread, just before it exits, sends the parent a queued real-time signal (a
 * second one if its pid or parent were wrong): when wait4 reports the process, all of
 * them have arrived.
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread.h>
#include <time.h>
#include <unistd.h>

#define NR_THREADS 3
#define SIG_DONE   (SIGRTMIN + 1)
#define SIG_BAD    (SIGRTMIN + 2)

static volatile int leader_gone, nr_done, nr_bad;
static int child_pid, parent_pid;

static void on_signal(int sig)
{
	if (sig == SIG_DONE)
		nr_done++;
	else
		nr_bad++;
}

static int worker(void *arg)
{
	(void)arg;
	while (!leader_gone)
		sched_yield();
	for (int i = 0; i < 200; i++)
		sched_yield();
	if (getpid() != child_pid || getppid() != parent_pid)
		kill(parent_pid, SIG_BAD);
	kill(parent_pid, SIG_DONE);
	return 9; /* exit(9): this thread only */
}

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

int main(void)
{
	struct thread t[NR_THREADS];
	int status = 0, polls = 0;
	pid_t pid;
	long r;

	signal(SIG_DONE, on_signal);
	signal(SIG_BAD, on_signal);
	parent_pid = getpid();
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		child_pid = getpid();
		for (int i = 0; i < NR_THREADS; i++)
			thread_create(&t[i], worker, NULL, NULL);
		leader_gone = 1;
		syscall6(__NR_exit, 7, 0, 0, 0, 0, 0);
	}
	while ((r = syscall6(__NR_wait4, pid, (long)&status, WNOHANG, 0, 0, 0)) == 0) {
		if (nr_done < NR_THREADS) {
			CHECK_EQ(syscall6(__NR_kill, pid, 0, 0, 0, 0, 0), 0);
			polls++;
		}
		sleep_ms(1);
	}
	CHECK_EQ(r, pid);
	CHECK_EQ(nr_done, NR_THREADS);
	CHECK_EQ(nr_bad, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9, "status: %s", status_str(status));
	CHECK_ERR(syscall6(__NR_wait4, pid, (long)&status, WNOHANG, 0, 0, 0), ECHILD);
	note("%d polls saw the process alive", polls);
	printf("the leader exited first; the process ended with its last thread: %s\n",
	       status_str(status));
	return 0;
}
