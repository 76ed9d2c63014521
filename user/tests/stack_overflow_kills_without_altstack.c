/* EXPECT: exit 0 */
/*
 * A stack overflow in a process that has a SIGSEGV handler but no alternate stack: the
 * kernel cannot write the handler's frame on the overflowed stack, so, as Linux does
 * (force_sigsegv()), it resets SIGSEGV to its default action and the process dies of
 * SIGSEGV. The handler never runs. (sigaltstack_catches_overflow: the same with one.)
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* Never set: it only keeps the compiler from proving the recursion endless. */
static volatile int max_depth;

/* Never returns: every call needs more stack, until there is none. */
static __noinline int recurse(int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth == max_depth - 1)
		return 0;
	return recurse(depth + 1) + pad[0];
}

static void on_segv(int sig)
{
	(void)sig;
	printf("the handler ran: it had no stack to run on\n");
	_exit(3);
}

static int overflow(void *arg)
{
	struct sigaction sa = { .sa_handler = on_segv };

	(void)arg;
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	return recurse(0);
}

int main(void)
{
	int status = run_in_child(overflow, NULL);

	printf("overflow with a SIGSEGV handler but no alternate stack: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s", status_str(status));
	return 0;
}
