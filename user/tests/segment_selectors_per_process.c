/* EXPECT: exit 0 */
/*
 * x86_64: the data segment registers ds, es, fs and gs belong to each process. A program
 * may load them (0, or the user data segment 0x2b), 32-bit code addresses memory through
 * them, and no trap or return to user mode saves or reloads them: so the kernel must
 * switch them with the task, as Linux does, or one process's value leaks into another's.
 *
 * The parent loads 0x2b into all four and forks: the child starts with the parent's
 * values, as on Linux. The child loads 0 into all four; then both yield the CPU to each
 * other 300 times, each checking after every yield that it still has its own values.
 * Last, a child with 0x2b in all four execs this test again (argument "after-exec"): a
 * new program starts with 0 in all four, as on Linux.
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
	__asm__ __volatile__("movl %0, %%ds\n\tmovl %0, %%es\n\tmovl %0, %%fs\n\tmovl %0, %%gs"
			     : : "r"(sel));
}

/* ds, es, fs and gs, 16 bits each from the low end. */
static unsigned long data_selectors(void)
{
	unsigned int ds, es, fs, gs;

	__asm__ __volatile__("movl %%ds, %0\n\tmovl %%es, %1\n\tmovl %%fs, %2\n\tmovl %%gs, %3"
			     : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs));
	return (ds & 0xffffUL) | (es & 0xffffUL) << 16 | (fs & 0xffffUL) << 32 |
	       (gs & 0xffffUL) << 48;
}

/* Yield ROUNDS times; the number of rounds after which the selectors were not want. */
static int rounds_changed(unsigned long want)
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
	const unsigned long all_user_ds = USER_DS * 0x0001000100010001UL;
	int changed, status;
	pid_t child;

	if (argc == 2 && !strcmp(argv[1], "after-exec"))
		return data_selectors() == 0 ? 0 : 1;
	set_data_selectors(USER_DS);
	CHECK_EQ(data_selectors(), all_user_ds);
	child = fork();
	CHECK(child >= 0, "fork: %d", child);
	if (child == 0) {
		if (data_selectors() != all_user_ds)
			_exit(2); /* not inherited */
		set_data_selectors(0);
		_exit(rounds_changed(0) ? 1 : 0);
	}
	changed = rounds_changed(all_user_ds);
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "child: %s (exit 2: selectors not inherited; exit 1: changed under it)",
	      status_str(status));
	CHECK(changed == 0, "the parent's selectors changed in %d of %d rounds: now %#lx", changed,
	      ROUNDS, data_selectors());
	set_data_selectors(0);
	printf("ds, es, fs and gs: inherited by fork, kept by each process across %d switches\n", ROUNDS);
	status = run_in_child(exec_with_user_ds, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "after exec: %s (exit 1: selectors kept; 120 + errno: execve failed)", status_str(status));
	printf("ds, es, fs and gs: 0 after exec\n");
	return 0;
}
#else
int main(void)
{
	printf("ds, es, fs and gs: inherited by fork, kept by each process across 300 switches\n");
	printf("ds, es, fs and gs: 0 after exec\n");
	return 0;
}
#endif
