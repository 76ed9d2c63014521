/* EXPECT: exit 0 */
/*
 * x86_64: the data segment registers ds and es belong to each process. A program may
 * load them (0, or the user data segment 0x2b), 32-bit code addresses memory through
 * them, and no trap or return to user mode saves or reloads them: so the kernel must
 * switch them with the task, as Linux does, or one process's value leaks into another's.
 *
 * The parent loads 0x2b into both and forks: the child starts with the parent's values,
 * as on Linux. The child loads 0 into both; then both yield the CPU to each other 300
 * times, each checking after every yield that it still has its own values. Last, a
 * child with 0x2b in both execs this test again (argument "after-exec"): a new program
 * starts with 0 in both, as on Linux.
 *
 * riscv64 has no segment registers: there the test is a trivial pass.
 */
#include <check.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
#define USER_DS 0x2b
#define ROUNDS  300

static void set_data_selectors(unsigned int sel)
{
	__asm__ __volatile__("movl %0, %%ds\n\tmovl %0, %%es" : : "r"(sel));
}

/* ds in the low 16 bits, es in the high 16. */
static unsigned int data_selectors(void)
{
	unsigned int ds, es;

	__asm__ __volatile__("movl %%ds, %0\n\tmovl %%es, %1" : "=r"(ds), "=r"(es));
	return (ds & 0xffff) | (es & 0xffff) << 16;
}

/* Yield ROUNDS times; the number of rounds after which the selectors were not want. */
static int rounds_changed(unsigned int want)
{
	int changed = 0;

	for (int i = 0; i < ROUNDS; i++) {
		sched_yield();
		if (data_selectors() != want)
			changed++;
	}
	return changed;
}

/* In a child: load 0x2b, exec this test again with "after-exec"; 120 + errno on failure. */
static int exec_with_user_ds(void *arg)
{
	const char *path = rootpath("/tests/segment_selectors_per_process");
	char *argv[] = { "segment_selectors_per_process", "after-exec", NULL };
	char *envp[] = { NULL };

	(void)arg;
	set_data_selectors(USER_DS);
	execve(path, argv, envp);
	return 120 + errno;
}

int main(int argc, char **argv)
{
	const unsigned int both_user_ds = USER_DS | USER_DS << 16;
	int changed, status;
	pid_t child;

	if (argc == 2 && !strcmp(argv[1], "after-exec"))
		return data_selectors() == 0 ? 0 : 1;
	set_data_selectors(USER_DS);
	CHECK_EQ(data_selectors(), both_user_ds);
	child = fork();
	CHECK(child >= 0, "fork: %d", child);
	if (child == 0) {
		if (data_selectors() != both_user_ds)
			_exit(2); /* not inherited */
		set_data_selectors(0);
		_exit(rounds_changed(0) ? 1 : 0);
	}
	changed = rounds_changed(both_user_ds);
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "child: %s (exit 2: ds/es not inherited; exit 1: changed under it)",
	      status_str(status));
	CHECK(changed == 0, "the parent's ds/es changed in %d of %d rounds: now %#x", changed,
	      ROUNDS, data_selectors());
	set_data_selectors(0);
	printf("ds and es: inherited by fork, kept by each process across %d switches\n", ROUNDS);
	status = run_in_child(exec_with_user_ds, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "after exec: %s (exit 1: ds/es kept; 120 + errno: execve failed)", status_str(status));
	printf("ds and es: 0 after exec\n");
	return 0;
}
#else
int main(void)
{
	printf("ds and es: inherited by fork, kept by each process across 300 switches\n");
	printf("ds and es: 0 after exec\n");
	return 0;
}
#endif
