/* EXPECT: exit 0 */
/*
 * An anonymous page that was never written reads as zero, every byte of it. A read of
 * such a page maps the one shared zero page, read-only (Faultline counts it in
 * /proc/vmstat as faultline_zero_page); a later write to one of those pages gets a page
 * of its own, and the other pages, still on the shared zero page, stay zero. Memory
 * that was unmapped and mapped again is zero too: nothing written before comes back.
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>

#define PAGE     4096UL
#define NR_PAGES 16
#define NR_READ  8 /* pages 0..7 are read before anything is written */

static unsigned long nonzero_bytes(const volatile unsigned char *p, unsigned long len)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < len; i++)
		n += p[i] != 0;
	return n;
}

int main(void)
{
	unsigned char vec[NR_PAGES], *area, *again;
	long zero_before, zero_after;

	area = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));

	zero_before = vmstat_counter("faultline_zero_page");
	printf("bytes not zero in %d untouched pages: %lu\n", NR_READ,
	       nonzero_bytes(area, NR_READ * PAGE));
	CHECK_EQ(nonzero_bytes(area, NR_READ * PAGE), 0);
	zero_after = vmstat_counter("faultline_zero_page");
	note("faultline_zero_page: %ld, then %ld", zero_before, zero_after);
	if (on_faultline())
		CHECK(zero_after - zero_before >= NR_READ, "faultline_zero_page rose by %ld for %d "
		      "pages read", zero_after - zero_before, NR_READ);

	CHECK_EQ(mincore(area, NR_PAGES * PAGE, vec), 0);
	for (int i = 0; i < NR_PAGES; i++)
		CHECK_EQ(vec[i] & 1, i < NR_READ);
	printf("resident: the %d pages read, not the %d others\n", NR_READ, NR_PAGES - NR_READ);

	/* A write to a page that was read: its own copy; the others stay on the zero page. */
	memset(area + 3 * PAGE, 0xab, PAGE);
	area[5 * PAGE + 100] = 0xcd;
	for (unsigned long i = 0; i < PAGE; i++)
		CHECK_EQ(area[3 * PAGE + i], 0xab);
	printf("after writes to pages 3 and 5, bytes not zero elsewhere: %lu\n",
	       nonzero_bytes(area, 3 * PAGE) + nonzero_bytes(area + 4 * PAGE, PAGE) +
	       nonzero_bytes(area + 5 * PAGE, 100) +
	       nonzero_bytes(area + 5 * PAGE + 101, (NR_PAGES - 5) * PAGE - 101));
	CHECK_EQ(nonzero_bytes(area, 3 * PAGE), 0);
	CHECK_EQ(nonzero_bytes(area + 4 * PAGE, PAGE), 0);
	CHECK_EQ(area[5 * PAGE + 100], 0xcd);
	CHECK_EQ(nonzero_bytes(area + 5 * PAGE, 100), 0);
	CHECK_EQ(nonzero_bytes(area + 5 * PAGE + 101, (NR_PAGES - 5) * PAGE - 101), 0);

	/* Dirty everything, unmap, map the same range again: zero. */
	memset(area, 0x5a, NR_PAGES * PAGE);
	CHECK_EQ(munmap(area, NR_PAGES * PAGE), 0);
	again = mmap(area, NR_PAGES * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(again == area, "mapping the range again: %p (%s)", (void *)again,
	      again == MAP_FAILED ? strerror(errno) : "elsewhere");
	printf("unmapped and mapped again: bytes not zero: %lu\n",
	       nonzero_bytes(area, NR_PAGES * PAGE));
	CHECK_EQ(nonzero_bytes(area, NR_PAGES * PAGE), 0);
	CHECK_EQ(munmap(area, NR_PAGES * PAGE), 0);
	return 0;
}
