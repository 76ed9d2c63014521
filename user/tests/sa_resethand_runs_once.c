/* EXPECT: exit 0 */
/*
 * SA_RESETHAND: the handler runs for the first signal only. By the time it runs, the
 * disposition is back to SIG_DFL (the other flags stay as they were), so the next
 * signal gets the default action: SIGUSR1 kills, and a fault whose handler returns
 * without fixing anything faults again and kills with SIGSEGV.
 * Whether the signal is blocked inside such a handler is printed and compared with Linux.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

static int nr_calls;
static int blocked_inside = -1;
static int dfl_inside = -1;

static void on_signal(int sig)
{
	struct sigaction now;
	sigset_t mask;

	nr_calls++;
	CHECK_EQ(sigaction(sig, NULL, &now), 0);
	dfl_inside = now.sa_handler == SIG_DFL;
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	blocked_inside = sigismember(&mask, sig);
}

static void install(int sig)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESETHAND | SA_RESTART };

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
}

static int raise_twice(void *arg)
{
	(void)arg;
	install(SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	return 3;
}

static int *volatile null_pointer;

static int fault(void *arg)
{
	(void)arg;
	install(SIGSEGV);
	*null_pointer = 1; /* the handler returns: the store runs again and faults again */
	return 3;
}

int main(void)
{
	struct sigaction after;
	int status;

	install(SIGUSR1);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &after), 0);
	printf("first SIGUSR1: handler ran %d time(s); inside it: disposition SIG_DFL %d, "
	       "SIGUSR1 blocked %d\n", nr_calls, dfl_inside, blocked_inside);
	printf("afterwards: SIG_DFL %d, flags SA_RESETHAND|SA_RESTART kept %d\n",
	       after.sa_handler == SIG_DFL,
	       (after.sa_flags & (SA_RESETHAND | SA_RESTART)) == (SA_RESETHAND | SA_RESTART));
	CHECK_EQ(nr_calls, 1);
	CHECK_EQ(dfl_inside, 1);
	CHECK(after.sa_handler == SIG_DFL, "the handler is still installed after SA_RESETHAND");

	status = run_in_child(raise_twice, NULL);
	printf("raise(SIGUSR1) twice: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1, "%s", status_str(status));

	status = run_in_child(fault, NULL);
	printf("a fault the handler does not fix: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s", status_str(status));
	return 0;
}
