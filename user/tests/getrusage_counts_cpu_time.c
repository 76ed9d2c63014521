/* EXPECT: exit 0 */
/*
 * getrusage() and wait4() report CPU time: a process that has used 60 ms of CPU time
 * (it spins until CLOCK_PROCESS_CPUTIME_ID says so) sees at least half of that in
 * ru_utime + ru_stime for RUSAGE_SELF; a child that does the same and is reaped shows
 * it in wait4's rusage and then in the parent's RUSAGE_CHILDREN. (Faultline samples CPU
 * time with the tick and shows it all as user time; Linux splits it. The sum is what is
 * compared, and only against the process's own CPU-time clock.)
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define USED_NS (60 * 1000000L)

static long cpu_ns(void)
{
	struct timespec ts;

	CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts), 0);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Spin until this process has used ns more of CPU time. */
static void use_cpu(long ns)
{
	long until = cpu_ns() + ns;
	volatile unsigned long spins = 0;

	while (cpu_ns() < until)
		spins++;
}

static long rusage_ns(const struct rusage *ru)
{
	return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000000L +
	       (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1000L;
}

int main(void)
{
	struct rusage self, child_ru, children;
	int status;
	pid_t child;

	use_cpu(USED_NS);
	CHECK_EQ(getrusage(RUSAGE_SELF, &self), 0);
	printf("RUSAGE_SELF after 60 ms of CPU: at least 30 ms %d\n", rusage_ns(&self) >= USED_NS / 2);
	CHECK(rusage_ns(&self) >= USED_NS / 2, "%ld ns", rusage_ns(&self));

	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &children), 0);
	CHECK_EQ(rusage_ns(&children), 0);
	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		use_cpu(USED_NS);
		_exit(0);
	}
	CHECK_EQ(wait4(child, &status, 0, &child_ru), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	printf("wait4's rusage of the child: at least 30 ms %d\n", rusage_ns(&child_ru) >= USED_NS / 2);
	CHECK(rusage_ns(&child_ru) >= USED_NS / 2, "%ld ns", rusage_ns(&child_ru));
	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &children), 0);
	printf("RUSAGE_CHILDREN then: at least 30 ms %d\n", rusage_ns(&children) >= USED_NS / 2);
	CHECK(rusage_ns(&children) >= USED_NS / 2, "%ld ns", rusage_ns(&children));
	return 0;
}
