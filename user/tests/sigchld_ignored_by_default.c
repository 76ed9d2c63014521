/* EXPECT: exit 0 */
/*
 * SIGCHLD, sent to us whenever a child ends:
 *
 * - by default it is ignored: we run on, and it is not even left pending;
 * - blocked, it stays pending (an ignored signal is only dropped when it is not
 *   blocked, since the disposition may change before it is unblocked);
 * - with an SA_SIGINFO handler, we learn who ended and how: si_code CLD_EXITED with
 *   the exit code in si_status, or CLD_KILLED with the signal, and si_pid the child.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIT(sig) (1UL << ((sig) - 1))

static volatile int nr_chld;
static siginfo_t last;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	nr_chld++;
	last = *si;
}

static int exit3(void *arg)
{
	(void)arg;
	return 3;
}

static int die_of_usr1(void *arg)
{
	(void)arg;
	kill(getpid(), SIGUSR1);
	return 0;
}

static unsigned long pending(void)
{
	sigset_t set;

	CHECK_EQ(sigpending(&set), 0);
	return set.sig[0];
}

/* A child that exits 3; returns its pid, once it has been reaped. */
static pid_t child_exits(int (*fn)(void *))
{
	int status;
	pid_t child = fork();

	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0)
		_exit(fn(NULL));
	CHECK_EQ(waitpid(child, &status, 0), child);
	return child;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO | SA_RESTART };
	sigset_t chld;
	pid_t child;

	child_exits(exit3);
	printf("default: a child exited; we run on, SIGCHLD pending %d\n",
	       (pending() & BIT(SIGCHLD)) != 0);
	CHECK_EQ(pending(), 0);

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &chld, NULL), 0);
	child_exits(exit3);
	printf("blocked: a child exited; SIGCHLD pending %d\n", (pending() & BIT(SIGCHLD)) != 0);
	CHECK_EQ(pending(), BIT(SIGCHLD));

	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &chld, NULL), 0);
	printf("handler installed, unblocked: it ran %d time(s), %s status %d\n", nr_chld,
	       si_code_name(SIGCHLD, last.si_code), last.si_status);
	CHECK_EQ(nr_chld, 1);

	nr_chld = 0;
	child = child_exits(exit3);
	printf("a child exits 3: SIGCHLD %d time(s), %s status %d, si_pid the child %d\n", nr_chld,
	       si_code_name(SIGCHLD, last.si_code), last.si_status, last.si_pid == child);
	CHECK_EQ(nr_chld, 1);
	CHECK_EQ(last.si_signo, SIGCHLD);
	CHECK_EQ(last.si_code, CLD_EXITED);
	CHECK_EQ(last.si_status, 3);
	CHECK_EQ(last.si_pid, child);

	nr_chld = 0;
	child = child_exits(die_of_usr1);
	printf("a child dies of SIGUSR1: SIGCHLD %d time(s), %s status %d, si_pid the child %d\n",
	       nr_chld, si_code_name(SIGCHLD, last.si_code), last.si_status, last.si_pid == child);
	CHECK_EQ(nr_chld, 1);
	CHECK_EQ(last.si_code, CLD_KILLED);
	CHECK_EQ(last.si_status, SIGUSR1);
	CHECK_EQ(last.si_pid, child);
	return 0;
}
