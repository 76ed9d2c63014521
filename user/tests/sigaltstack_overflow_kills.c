/* EXPECT: exit 0 */
/*
 * Signals nesting on a small alternate stack: once a frame no longer fits, the kernel
 * kills with SIGSEGV ("overflowed sigaltstack" on Linux) instead of writing below the
 * stack or over the frames still in use. The child must die of SIGSEGV, not hang.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int depth;

static void on_usr1(int sig)
{
	depth++;
	if (depth < 64)
		raise(sig); /* SA_NODEFER: nests another frame on the alternate stack */
}

static int nest(void *arg)
{
	stack_t ss = { .ss_sp = malloc(MINSIGSTKSZ * 2), .ss_size = MINSIGSTKSZ * 2 };
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_ONSTACK | SA_NODEFER };

	(void)arg;
	if (!ss.ss_sp || sigaltstack(&ss, NULL) || sigaction(SIGUSR1, &sa, NULL))
		return 3;
	raise(SIGUSR1);
	return 4; /* 64 frames of several hundred bytes cannot all have fit */
}

int main(void)
{
	int status = run_in_child(nest, NULL);

	printf("64 nested handlers on a 4 KiB alternate stack: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "expected death by SIGSEGV");
	return 0;
}
