/* EXPECT: exit 0 */
/*
 * A fault's signal goes to the thread that faulted, and kills the whole process:
 *   - with a SIGSEGV handler, the handler runs in the faulting thread (gettid), with
 *     si_code SEGV_MAPERR and si_addr the faulting address, while the other threads
 *     go on;
 *   - without one, the process dies of SIGSEGV, all its threads (one is asleep in a
 *     futex wait, one spinning), and the parent's wait4 sees "killed by SIGSEGV" for
 *     the process's pid, once.
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread.h>
#include <unistd.h>

#define BAD_ADDR 0x10

static volatile int handler_tid, handler_code;
static volatile unsigned long handler_addr;
static volatile int forever; /* nobody wakes a waiter on this */

static void on_segv(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	handler_tid = gettid();
	handler_code = info->si_code;
	handler_addr = (unsigned long)info->si_addr;
	syscall6(__NR_exit, 0, 0, 0, 0, 0, 0); /* end this thread only */
}

static int fault(void *arg)
{
	*(volatile int *)arg = 1; /* BAD_ADDR: nothing is mapped there */
	return 1;
}

static int sleeper(void *arg)
{
	(void)arg;
	futex(&forever, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	return 2;
}

static volatile int spinner_runs;

static int spinner(void *arg)
{
	(void)arg;
	for (;;) {
		spinner_runs++;
		sched_yield();
	}
	return 3;
}

/* The child process: three threads, one faults; no handler. Never returns. */
static int fault_without_handler(void *arg)
{
	struct thread s1, s2, f;

	(void)arg;
	thread_create(&s1, sleeper, NULL, NULL);
	thread_create(&s2, spinner, NULL, NULL);
	while (spinner_runs < 3)
		sched_yield();
	thread_create(&f, fault, (void *)BAD_ADDR, NULL);
	for (;;)
		sched_yield();
	return 4;
}

int main(void)
{
	struct sigaction sa;
	struct thread t;
	long tid;
	int status;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0, "sigaction");
	tid = thread_create(&t, fault, (void *)BAD_ADDR, NULL);
	CHECK(tid > 0, "clone: %ld", tid);
	thread_join(&t);
	CHECK_EQ(handler_tid, tid);
	CHECK_EQ(handler_code, SEGV_MAPERR);
	CHECK_EQ(handler_addr, BAD_ADDR);
	printf("handled: SIGSEGV %s at %#lx in the faulting thread\n",
	       si_code_name(SIGSEGV, handler_code), handler_addr);

	signal(SIGSEGV, SIG_DFL);
	status = run_in_child(fault_without_handler, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "child: %s", status_str(status));
	printf("unhandled: the process died of %s\n", status_str(status));
	return 0;
}
