/*
 * Processes: the copy-on-write fault a forked child takes on its first write to a page
 * its parent populated, and fork() itself with that much memory populated.
 *
 * There is no pipe or shared mapping between the two here (Faultline has neither yet),
 * so the child that measures the COW faults prints its row itself. fork() is measured
 * in the parent, from the call to its return there; the child only waits in pause()
 * until the parent kills it, so whichever of them runs first, the measured span is the
 * same work.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static char *map_populated(unsigned long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		bench_die("mmap");
	touch_write(p, len);
	return p;
}

static void reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		bench_die("waitpid");
}

// The child writes once to every page of reps areas of n pages each, one repetition
// per area, and prints the row.
static void cow_faults(void)
{
	unsigned long area = scale.n * PAGE;
	char *p = map_populated(scale.reps * area);
	pid_t pid = fork();

	if (pid < 0)
		bench_die("fork");
	if (pid == 0) {
		struct bench_rep reps[16];

		for (unsigned long i = 0; i < scale.reps; i++) {
			bench_ns_t t0 = bench_now();

			touch_write(p + i * area, area);
			reps[i].ns = bench_now() - t0 - bench_clock_cost();
			reps[i].ops = scale.n;
		}
		bench_row("cow", reps, scale.reps, "COW fault in a forked child");
		exit(0);
	}
	reap(pid);
	munmap(p, scale.reps * area);
}

static struct bench_rep fork_once(void)
{
	struct bench_rep rep = { .ops = 1 };
	bench_ns_t t0 = bench_now();
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	rep.ns = bench_now() - t0 - bench_clock_cost();
	if (pid < 0)
		bench_die("fork");
	kill(pid, SIGKILL);
	reap(pid);
	return rep;
}

void bench_process(void)
{
	struct bench_rep reps[16];
	char *p;

	if (bench_wanted("cow"))
		cow_faults();

	if (bench_wanted("fork_64mib")) {
		p = map_populated(scale.big_bytes);
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = fork_once();
		bench_row("fork_64mib", reps, scale.reps, "fork with 64 MiB populated");
		munmap(p, scale.big_bytes);
	}
}
