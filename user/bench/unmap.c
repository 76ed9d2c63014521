/*
 * Tearing down and finding room: munmap of a large populated mapping (per page), and
 * the mmap+munmap of one page when few or 10,000 VMAs are present, which shows whether
 * finding a free range walks every VMA. With the 10,000 VMAs present, the first write
 * to a page shows whether finding the VMA of a fault does.
 *
 * The VMAs are made by one mapping of 10,000 pages whose every other page is then
 * mprotect()ed read-only: neighbours differ, so neither kernel can merge them.
 */
#include <sys/mman.h>

#include "bench.h"

static struct bench_rep munmap_populated(unsigned long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct bench_rep rep = { .ops = len / PAGE };
	bench_ns_t t0;

	if (p == MAP_FAILED)
		bench_die("mmap");
	touch_write(p, len);
	t0 = bench_now();
	if (munmap(p, len) < 0)
		bench_die("munmap");
	rep.ns = bench_now() - t0 - bench_clock_cost();
	return rep;
}

static struct bench_rep map_unmap_one(unsigned long n)
{
	struct bench_rep rep = { .ops = n };
	bench_ns_t t0 = bench_now();

	for (unsigned long i = 0; i < n; i++) {
		void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED)
			bench_die("mmap");
		munmap(p, PAGE);
	}
	rep.ns = bench_now() - t0 - bench_clock_cost();
	return rep;
}

static struct bench_rep first_writes(unsigned long n)
{
	char *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	struct bench_rep rep = { .ops = n };
	bench_ns_t t0;

	if (p == MAP_FAILED)
		bench_die("mmap");
	t0 = bench_now();
	touch_write(p, n * PAGE);
	rep.ns = bench_now() - t0 - bench_clock_cost();
	munmap(p, n * PAGE);
	return rep;
}

// Split one mapping of nr_vmas pages into nr_vmas VMAs; returns it (to unmap later).
static char *make_vmas(unsigned long nr_vmas)
{
	char *p = mmap(NULL, nr_vmas * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		bench_die("mmap");
	for (unsigned long i = 1; i < nr_vmas; i += 2)
		if (mprotect(p + i * PAGE, PAGE, PROT_READ) < 0)
			bench_die("mprotect");
	return p;
}

void bench_unmap(void)
{
	struct bench_rep reps[16];
	char *vmas;

	if (bench_wanted("munmap_64mib")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = munmap_populated(scale.big_bytes);
		bench_row("munmap_64mib", reps, scale.reps, "munmap of a populated 64 MiB, per page");
	}

	if (bench_wanted("mmap_few_vmas")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = map_unmap_one(scale.n);
		bench_row("mmap_few_vmas", reps, scale.reps, "mmap+munmap of one page, few VMAs");
	}

	if (!bench_wanted("mmap_10k_vmas") && !bench_wanted("fault_10k_vmas"))
		return;
	vmas = make_vmas(scale.nr_vmas);
	if (bench_wanted("mmap_10k_vmas")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = map_unmap_one(scale.n);
		bench_row("mmap_10k_vmas", reps, scale.reps,
			  "mmap+munmap of one page, 10,000 VMAs present");
	}
	if (bench_wanted("fault_10k_vmas")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = first_writes(scale.n);
		bench_row("fault_10k_vmas", reps, scale.reps,
			  "first write to an anonymous page, 10,000 VMAs present");
	}
	munmap(vmas, scale.nr_vmas * PAGE);
}
