/* EXPECT: exit 0 */
/*
 * sigaction() takes any value as a handler address, and delivery jumps there: a handler
 * address that cannot be executed ends the program with SIGSEGV, and only the program.
 * A child installs a SIGUSR1 handler at each address below and sends itself SIGUSR1:
 *
 *   0x8000000000000000   x86_64: not canonical. The kernel's own return to user mode
 *                        (iretq) would fault on it, in the kernel: Linux turns that
 *                        into SIGSEGV for the program, and so must Faultline.
 *   0x0000800000000000   the first address above user space (not canonical on x86_64)
 *   0x00007ffffffff000   the top page of user space, never mapped
 *   0xffffffff80000000   the kernel image: a user-mode fetch from it faults
 *
 * riscv64 has no canonical-address rule, but the same addresses must end the same way.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int handler_at(void *arg)
{
	struct sigaction sa = { .sa_handler = (void (*)(int))arg };

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	return 3; /* the handler ran and returned: it must not */
}

int main(void)
{
	static const unsigned long addrs[] = {
		0x8000000000000000UL, 0x0000800000000000UL, 0x00007ffffffff000UL,
		0xffffffff80000000UL,
	};

	for (unsigned long i = 0; i < ARRAY_SIZE(addrs); i++) {
		int status = run_in_child(handler_at, (void *)addrs[i]);

		printf("handler at %#lx: %s\n", addrs[i], status_str(status));
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "handler at %#lx: %s",
		      addrs[i], status_str(status));
	}
	return 0;
}
