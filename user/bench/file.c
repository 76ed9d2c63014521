/*
 * File-backed read faults on private mappings of two files that tools/bench.py puts in
 * the initrd (the initramfs, on Linux):
 *
 *   /bench/warm.dat   read() whole first, so every page is in the page cache: each
 *                     first touch of a fresh mapping is a minor fault that maps it;
 *   /bench/cold.dat   never read before: each first touch must bring the page into the
 *                     page cache. Faultline copies it from the initrd (a major fault);
 *                     Linux unpacked the initramfs into its page cache at boot, so there
 *                     the same touch is a minor fault (no disk, no I/O, on either).
 *
 * Costs are per page touched, one read per page in order. Linux's fault-around maps up
 * to 16 cached pages on one fault (mm/memory.c, do_fault_around), so on Linux fewer
 * touches fault than pages are touched; the row counts what a program pays per page.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench.h"

static int open_file(const char *path, unsigned long *len)
{
	int fd = open(path, O_RDONLY);
	off_t end;

	if (fd < 0)
		return -1;
	end = lseek(fd, 0, SEEK_END);
	if (end < (off_t)PAGE)
		bench_die("lseek");
	*len = (unsigned long)end & ~(PAGE - 1);
	return fd;
}

static struct bench_rep read_faults(int fd, unsigned long len)
{
	char *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	struct bench_rep rep = { .ops = len / PAGE };
	bench_ns_t t0;

	if (p == MAP_FAILED)
		bench_die("mmap");
	t0 = bench_now();
	touch_read(p, len);
	rep.ns = bench_now() - t0 - bench_clock_cost();
	munmap(p, len);
	return rep;
}

static void warm_file(void)
{
	static char buf[64 * 1024];
	struct bench_rep reps[16];
	unsigned long len;
	int fd = open_file("/bench/warm.dat", &len);

	if (fd < 0) {
		bench_skip("file_minor", "no /bench/warm.dat");
		return;
	}
	lseek(fd, 0, SEEK_SET);
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	if (scale.quick && len > scale.n * PAGE)
		len = scale.n * PAGE;
	for (unsigned long i = 0; i < scale.reps; i++)
		reps[i] = read_faults(fd, len);
	bench_row("file_minor", reps, scale.reps, "file read fault, page in the page cache");
	close(fd);
}

static void cold_file(void)
{
	struct bench_rep reps[16];
	unsigned long len, per_rep;
	int fd = open_file("/bench/cold.dat", &len);
	char *p;

	if (fd < 0) {
		bench_skip("file_major", "no /bench/cold.dat");
		return;
	}
	per_rep = len / PAGE / scale.reps;
	if (per_rep > scale.n)
		per_rep = scale.n;
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		bench_die("mmap");
	for (unsigned long i = 0; i < scale.reps; i++) {
		bench_ns_t t0 = bench_now();

		touch_read(p + i * per_rep * PAGE, per_rep * PAGE);
		reps[i].ns = bench_now() - t0 - bench_clock_cost();
		reps[i].ops = per_rep;
	}
	bench_row("file_major", reps, scale.reps,
		  "file read fault, page not yet read (major on Faultline)");
	munmap(p, len);
	close(fd);
}

void bench_file(void)
{
	if (bench_wanted("file_minor"))
		warm_file();
	if (bench_wanted("file_major"))
		cold_file();
}
