/* EXPECT: exit 0 */
/*
 * kill(-1, sig) sends sig to every process the caller may signal except init (pid 1)
 * and the caller itself (Linux's kill_something_info), and returns 0 if there was one.
 *
 * The broadcast itself is checked under Faultline only, and only when our parent is
 * init (runall, as `make test` boots it): then the only other processes are init and
 * this test's own children. On Linux the other processes are the developer's, so there
 * the test sends signal 0 alone, which reaches nobody. Two children wait for SIGUSR1 in
 * sigsuspend() and exit with the number they got; we block SIGUSR1 ourselves and check
 * that none is pending for us afterwards.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NR_CHILDREN 2

static volatile int nr_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	nr_usr1++;
}

static pid_t usr1_waiter(void)
{
	pid_t child = fork();

	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		sigset_t none;

		sigemptyset(&none);
		while (nr_usr1 == 0)
			sigsuspend(&none);
		_exit(40 + nr_usr1);
	}
	return child;
}

/* Under Faultline's runall as init, kill(-1) reaches only init and our family. */
static bool may_broadcast(void)
{
	return on_faultline() && getppid() == 1;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t usr1, pending;
	pid_t child[NR_CHILDREN];
	bool all = may_broadcast();

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	for (int i = 0; i < NR_CHILDREN; i++)
		child[i] = usr1_waiter();

	printf("kill(-1, 0) with children alive: %d\n", kill(-1, 0));
	if (all) {
		CHECK_EQ(kill(-1, SIGUSR1), 0);
	} else {
		note("not under Faultline's runall as init: kill(-1, SIGUSR1) not tried");
		for (int i = 0; i < NR_CHILDREN; i++)
			CHECK_EQ(kill(child[i], SIGUSR1), 0);
	}
	for (int i = 0; i < NR_CHILDREN; i++) {
		int status = wait_child(child[i], 0);

		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 41, "child %d: %s", i,
		      status_str(status));
	}
	printf("children each got SIGUSR1 once\n");
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(!sigismember(&pending, SIGUSR1), "kill(-1) signalled the caller too");
	CHECK_EQ(nr_usr1, 0);
	if (all)
		note("kill(-1, SIGUSR1) reached both children, not us (init ignores it: no handler)");
	return 0;
}
