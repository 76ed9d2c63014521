/*
 * The benchmark's init: settle, run every row in a child process, power off.
 *
 * It runs as init (pid 1) on Faultline and on Linux. The rows run in a child, not in
 * pid 1 itself, because both kernels treat init specially (signals it has no handler
 * for are ignored, and its exit ends the machine). Words after " -- " on the kernel
 * command line arrive as arguments on both kernels: `quick` makes a short smoke run.
 *
 * Output, one line each, for tools/bench.py:
 *   bench: start SYSNAME RELEASE MACHINE quick=0|1 clock=N
 *   row KEY MEAN BEST OPS LABEL     instructions per operation: mean, best repetition
 *   skip KEY REASON
 *   bench: done STATUS
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

/* reboot(2), which Faultline does not have: init's exit powers Faultline off. */
#if defined(__x86_64__)
#define NR_REBOOT 169
#elif defined(__riscv)
#define NR_REBOOT 142
#endif
#define LINUX_REBOOT_MAGIC1 0xfee1deadL
#define LINUX_REBOOT_MAGIC2 672274793L
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcL

struct bench_scale scale = {
	.quick = false,
	.reps = 5,
	.n = 1000,
	.big_bytes = 64 * MIB,
	.nr_vmas = 10000,
	.huge_bytes = 512 * MIB,
};

/* A smoke run (`make test`): the labels' sizes are not the sizes measured. */
static const struct bench_scale quick_scale = {
	.quick = true,
	.reps = 2,
	.n = 16,
	.big_bytes = 1 * MIB,
	.nr_vmas = 100,
	.huge_bytes = 8 * MIB,
};

static bench_ns_t clock_cost;
static char **wanted_keys; /* the rows named on the command line, NULL-terminated */

bench_ns_t bench_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		bench_die("clock_gettime");
	return (bench_ns_t)ts.tv_sec * 1000000000ULL + (bench_ns_t)ts.tv_nsec;
}

// The cheapest of many back-to-back pairs of readings: what one measurement costs by
// itself. Measured once, before the rows.
static bench_ns_t measure_clock_cost(void)
{
	bench_ns_t best = ~0ULL;

	for (int i = 0; i < 200; i++) {
		bench_ns_t t0 = bench_now();
		bench_ns_t t1 = bench_now();

		if (t1 - t0 < best)
			best = t1 - t0;
	}
	return best;
}

bool bench_wanted(const char *key)
{
	if (!wanted_keys || !wanted_keys[0])
		return true;
	for (char **k = wanted_keys; *k; k++)
		if (!strcmp(*k, key))
			return true;
	return false;
}

bench_ns_t bench_clock_cost(void)
{
	return clock_cost;
}

void bench_row(const char *key, const struct bench_rep *reps, unsigned long nr_reps,
	       const char *label)
{
	bench_ns_t total = 0, best = ~0ULL;
	unsigned long ops = 0;

	for (unsigned long i = 0; i < nr_reps; i++) {
		if (reps[i].ops == 0)
			continue;
		total += reps[i].ns;
		ops += reps[i].ops;
		if (reps[i].ns / reps[i].ops < best)
			best = reps[i].ns / reps[i].ops;
	}
	if (ops == 0) {
		bench_skip(key, "no repetition ran");
		return;
	}
	printf("row %s %llu %llu %lu %s\n", key, total / ops, best, ops, label);
}

void bench_skip(const char *key, const char *why)
{
	printf("skip %s %s\n", key, why);
}

void bench_die(const char *what)
{
	printf("bench: %s failed: %s\n", what, strerror(errno));
	exit(1);
}

void touch_write(volatile char *p, unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE)
		p[off] = 1;
}

unsigned long touch_read(volatile const char *p, unsigned long len)
{
	unsigned long sum = 0;

	for (unsigned long off = 0; off < len; off += PAGE)
		sum += (unsigned char)p[off];
	return sum;
}

// Sleep a while so the kernel's own start-up work (Linux's deferred initcalls, kernel
// threads) is over before anything is measured. Under -icount with sleep=off an idle
// guest skips straight to its next timer, so this costs no host time.
static void settle(void)
{
	struct timespec ts = { .tv_sec = 2, .tv_nsec = 0 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void run_rows(void)
{
	bench_anon();
	bench_signal();
	bench_process();
	bench_unmap();
	bench_file();
	bench_floor();
	bench_uffd();
}

int main(int argc, char **argv)
{
	struct utsname u;
	int status = 0;
	int nr_keys = 0;
	pid_t pid;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "quick"))
			scale = quick_scale;
		else
			argv[1 + nr_keys++] = argv[i]; /* keep the row keys, in order */
	argv[1 + nr_keys] = NULL;
	wanted_keys = argv + 1;
	if (uname(&u) < 0)
		bench_die("uname");
	settle();
	clock_cost = measure_clock_cost();
	printf("bench: start %s %s %s quick=%d clock=%llu\n", u.sysname, u.release, u.machine,
	       scale.quick, clock_cost);
	pid = fork();
	if (pid < 0)
		bench_die("fork");
	if (pid == 0) {
		run_rows();
		exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		bench_die("waitpid");
	printf("bench: done %d\n", status);
	if (getpid() == 1 && strcmp(u.sysname, "Linux") == 0)
		syscall6(NR_REBOOT, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			 LINUX_REBOOT_CMD_POWER_OFF, 0, 0, 0);
	return status == 0 ? 0 : 1;
}
