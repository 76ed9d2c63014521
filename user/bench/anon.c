/*
 * Anonymous memory: the first write to a page (allocate and clear a frame), the read
 * that maps the shared zero page, the write that then replaces it, and whether the
 * size of the mapping changes what one fault costs.
 */
#include <sys/mman.h>

#include "bench.h"

static char *map_anon(unsigned long len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		bench_die("mmap");
	return p;
}

// First writes to n fresh pages at the start of a mapping of map_len bytes.
static struct bench_rep first_writes(unsigned long n, unsigned long map_len)
{
	char *p = map_anon(map_len);
	struct bench_rep rep = { .ops = n };
	bench_ns_t t0 = bench_now();

	touch_write(p, n * PAGE);
	rep.ns = bench_now() - t0 - bench_clock_cost();
	munmap(p, map_len);
	return rep;
}

// Reads of n fresh pages (each maps the zero page); with then_write, the writes after
// those reads are measured instead.
static struct bench_rep zero_page(unsigned long n, bool then_write)
{
	char *p = map_anon(n * PAGE);
	struct bench_rep rep = { .ops = n };
	bench_ns_t t0;

	if (then_write)
		touch_read(p, n * PAGE);
	t0 = bench_now();
	if (then_write)
		touch_write(p, n * PAGE);
	else
		touch_read(p, n * PAGE);
	rep.ns = bench_now() - t0 - bench_clock_cost();
	munmap(p, n * PAGE);
	return rep;
}

void bench_anon(void)
{
	struct bench_rep reps[16];
	unsigned long small = 256; /* the pages of a 1 MiB mapping */

	if (scale.quick)
		small = scale.n;
	if (bench_wanted("anon_write")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = first_writes(scale.n, scale.n * PAGE);
		bench_row("anon_write", reps, scale.reps, "first write to an anonymous page");
	}

	if (bench_wanted("zero_then_write")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = zero_page(scale.n, true);
		bench_row("zero_then_write", reps, scale.reps, "write after a zero-page read");
	}

	if (bench_wanted("zero_read")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = zero_page(scale.n, false);
		bench_row("zero_read", reps, scale.reps, "read fault mapping the zero page");
	}

	if (bench_wanted("fault_in_1mib")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = first_writes(small, small * PAGE);
		bench_row("fault_in_1mib", reps, scale.reps,
			  "first write, 256 pages of a 1 MiB mapping");
	}

	if (bench_wanted("fault_in_512mib")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = first_writes(small, scale.huge_bytes);
		bench_row("fault_in_512mib", reps, scale.reps,
			  "first write, 256 pages of a 512 MiB mapping");
	}
}
