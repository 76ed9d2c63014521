/* EXPECT: exit 0 */
/*
 * Leaving a signal handler by a jump instead of a return:
 *
 * - setjmp returns 0, then whatever longjmp passes (1 for 0);
 * - a SIGSEGV handler that siglongjmp()s to a sigsetjmp(env, 1) point lands there with
 *   the mask of that moment: SIGSEGV (blocked while its handler ran) is unblocked again,
 *   a signal that was blocked then stays blocked, and the next fault is caught again;
 * - jumping to a sigsetjmp(env, 0) point restores no mask: SIGSEGV stays blocked, and
 *   a fault while SIGSEGV is blocked kills the process with SIGSEGV even though a handler
 *   is installed (Linux forces the default action for a fault it cannot deliver).
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

static sigjmp_buf env;
static volatile int nr_faults;

static void on_segv(int sig)
{
	(void)sig;
	nr_faults++;
	siglongjmp(env, nr_faults);
}

/* A store through NULL (read from a volatile, so the compiler cannot see it is NULL). */
static int *volatile null_pointer;

static __noinline void fault(void)
{
	*null_pointer = 1;
}

static int blocked(int sig)
{
	sigset_t now;

	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	return sigismember(&now, sig);
}

static void plain_setjmp(void)
{
	/* Static: locals changed between setjmp and longjmp would be indeterminate after. */
	static jmp_buf jb;
	static int calls, round, first = -1, got[2] = { -1, -1 };
	int r = setjmp(jb);

	if (round == 0)
		first = r;
	else
		got[round - 1] = r;
	calls++;
	if (round < 2) {
		round++;
		longjmp(jb, round == 1 ? 7 : 0);
	}
	printf("setjmp: first %d, after longjmp(env, 7) %d, after longjmp(env, 0) %d\n", first,
	       got[0], got[1]);
	CHECK_EQ(first, 0);
	CHECK_EQ(got[0], 7);
	CHECK_EQ(got[1], 1);
	CHECK_EQ(calls, 3);
}

/* In a child: a fault while SIGSEGV is blocked by a jump that did not restore the mask. */
static int fault_while_blocked(void *arg)
{
	(void)arg;
	fault();
	return 3;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_segv };
	sigset_t usr2;
	int status;

	plain_setjmp();

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr2, NULL), 0);
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	if (sigsetjmp(env, 1) < 3)
		fault();
	printf("sigsetjmp(env, 1): %d faults caught; then SIGSEGV blocked %d, SIGUSR2 blocked %d\n",
	       nr_faults, blocked(SIGSEGV), blocked(SIGUSR2));
	CHECK_EQ(nr_faults, 3);
	CHECK_EQ(blocked(SIGSEGV), 0);
	CHECK_EQ(blocked(SIGUSR2), 1);

	nr_faults = 0;
	if (sigsetjmp(env, 0) == 0)
		fault();
	printf("sigsetjmp(env, 0): %d fault caught; then SIGSEGV blocked %d\n", nr_faults,
	       blocked(SIGSEGV));
	CHECK_EQ(nr_faults, 1);
	CHECK_EQ(blocked(SIGSEGV), 1);

	status = run_in_child(fault_while_blocked, NULL);
	printf("a fault with SIGSEGV blocked and a handler installed: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s", status_str(status));
	CHECK_EQ(nr_faults, 1);
	return 0;
}
