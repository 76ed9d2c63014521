/*
 * The fault microbenchmarks (user/bench/): one static program on Linux's system calls
 * alone, so the same binary runs as init on Faultline and on Linux in the same QEMU.
 *
 * Under `qemu-system-* -icount shift=0,sleep=off` the guest clock advances exactly one
 * nanosecond per guest instruction (QEMU's docs/devel/tcg-icount.rst), so the difference
 * of two clock_gettime(CLOCK_MONOTONIC) readings is the number of instructions the guest
 * ran in between: the kernel's and the program's. Without -icount the numbers are
 * nanoseconds of host time and mean little.
 *
 * Each operation runs in repetitions of n operations; the clock is read once before and
 * once after a repetition, and the cost of that pair of readings is taken off. A row
 * gives the mean over all repetitions and the best repetition's mean, per operation.
 *
 * Arguments (the words after " -- " on the kernel command line): `quick` for a short
 * smoke run; any other word is a row's key, and then only the rows named run.
 */
#ifndef USER_BENCH_H
#define USER_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#define PAGE 4096UL
#define MIB (1024UL * 1024UL)

/* Guest nanoseconds: instructions, under -icount shift=0. */
typedef unsigned long long bench_ns_t;

/* How much work each row does: full (the default) or a quick smoke run (`quick`). */
struct bench_scale {
	bool quick;
	unsigned long reps;      /* repetitions of every row */
	unsigned long n;         /* operations per repetition of a per-page or per-call row */
	unsigned long big_bytes; /* the "64 MiB" of the munmap and fork rows */
	unsigned long nr_vmas;   /* the "10,000 VMAs" rows */
	unsigned long huge_bytes;/* the "512 MiB" mapping of the mapping-size rows */
};

extern struct bench_scale scale;

/* The guest clock in nanoseconds (instructions, under -icount). */
bench_ns_t bench_now(void);

/* The cost of the two clock readings around a repetition, taken off each measurement. */
bench_ns_t bench_clock_cost(void);

/*
 * One measured repetition: the instructions it took (clock cost already off) and how
 * many operations it did. A run function returns ops 0 when it could not run (its
 * reason printed); the row then says so.
 */
struct bench_rep {
	bench_ns_t ns;
	unsigned long ops;
};

/* Print one row of the table: "row KEY MEAN BEST OPS LABEL" (see tools/bench.py). */
void bench_row(const char *key, const struct bench_rep *reps, unsigned long nr_reps,
	       const char *label);

/* A row that could not be measured: "skip KEY REASON". */
void bench_skip(const char *key, const char *why);

/* Whether the row named key runs: every row, unless keys were named on the command line. */
bool bench_wanted(const char *key);

/* Stop the program with a message when something the benchmark needs fails. */
__attribute__((noreturn)) void bench_die(const char *what);

/* Write one byte into each page of [p, p + len). */
void touch_write(volatile char *p, unsigned long len);

/* Read one byte of each page of [p, p + len); returns their sum (so it is not dropped). */
unsigned long touch_read(volatile const char *p, unsigned long len);

/* Rows, one function per group (user/bench/<group>.c), in the order they print. */
void bench_anon(void);    /* anon.c: first write, zero page, mapping size */
void bench_signal(void);  /* signal.c: SIGSEGV round trip, getpid */
void bench_process(void); /* process.c: COW fault in a child, fork with memory */
void bench_unmap(void);   /* unmap.c: munmap per page, mmap+munmap among many VMAs */
void bench_file(void);    /* file.c: file-backed read faults, major faults */
void bench_floor(void);   /* floor.c: clearing 4 KiB in user space */
void bench_uffd(void);    /* uffd.c: the user-pager round trip */

#endif
