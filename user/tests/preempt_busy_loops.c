/* EXPECT: exit 0 */
/* DIFFERS: on a Linux machine with several CPUs the two children run in parallel and need not see gaps; there only progress is required. */
/*
 * Preemptive scheduling: two children that never block or yield (their loops make no
 * system call but clock_gettime) both make progress and both finish. Each spins for
 * SPIN_NS of CLOCK_MONOTONIC time and counts the gaps longer than GAP_NS between two
 * consecutive clock reads: time during which it was switched out for the other. On one
 * CPU with a timer tick of 10 ms, both must see such gaps; without preemption the first
 * would run to its end before the second started, and neither would see any.
 */
#include <check.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SPIN_NS   (1000 * 1000 * 1000L) /* 1 s of spinning each */
#define GAP_NS    (5 * 1000 * 1000L)    /* a gap: 5 ms without a clock read */
#define MIN_READS 1000                  /* a child that got so few reads barely ran */

/* In a child: spin, count reads and gaps; exit 0 if it saw what it must. */
static __noreturn void spin(int id)
{
	long start = now_ns(), last = start, now, reads = 0, gaps = 0, longest = 0;

	CHECK_EQ(sched_yield(), 0);
	do {
		now = now_ns();
		reads++;
		if (now - last > GAP_NS)
			gaps++;
		if (now - last > longest)
			longest = now - last;
		last = now;
	} while (now - start < SPIN_NS);

	note("child %d: %ld clock reads, %ld gaps over 5 ms, longest %ld us", id, reads, gaps,
	     longest / 1000);
	CHECK(reads >= MIN_READS, "child %d: only %ld clock reads in 1 s", id, reads);
	if (on_faultline())
		CHECK(gaps > 0, "child %d: never switched out in 1 s of spinning", id);
	_exit(0);
}

int main(void)
{
	pid_t pids[2];
	long start = now_ns(), elapsed;

	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0, "fork: %s", strerror(errno));
		if (pids[i] == 0)
			spin(i);
	}
	for (int i = 0; i < 2; i++) {
		int status;

		CHECK_EQ(wait4(pids[i], &status, 0, NULL), pids[i]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d: %s", i,
		      status_str(status));
	}
	elapsed = now_ns() - start;
	CHECK(elapsed >= SPIN_NS, "both children done after only %ld ms", elapsed / 1000000);
	return 0;
}
