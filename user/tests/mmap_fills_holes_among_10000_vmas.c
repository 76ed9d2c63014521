/* EXPECT: exit 0 */
/*
 * mmap() without an address still finds room when a process has 10,000 mappings, and
 * finds the same room as Linux: the highest free range below the mmap base that fits
 * (top-down allocation), however many mappings lie above or around it.
 *
 * A read-only region of 2 * 10,000 pages has every other page unmapped: 10,000 VMAs of
 * one page, each with a one-page hole above it. A two-page mapping fits in no hole, so
 * it goes outside the region. Then 10,000 one-page writable mappings (which never merge
 * with their read-only neighbours) fill the holes, highest first, one after the other.
 * Every page then still holds the byte written into it: nothing was mapped twice.
 * qemu-user places mappings itself, not top-down: there only the non-overlap is checked.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE     4096UL
#define NR_HOLES 10000UL
#define NR_PAGES (2 * NR_HOLES)

static unsigned char *region; /* page 2i stays mapped, page 2i + 1 is hole i */
static unsigned char hole_byte[NR_HOLES]; /* what was written into hole i once mapped */
static bool filled[NR_HOLES];
static unsigned char *elsewhere[NR_HOLES]; /* one-page mappings placed outside the region */

static bool in_region(unsigned char *p, unsigned long len)
{
	return p < region + NR_PAGES * PAGE && region < p + len;
}

int main(void)
{
	unsigned long hole_hits = 0, in_order = 0, bad_bytes = 0, nr_elsewhere = 0;
	unsigned char *two;

	region = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		      -1, 0);
	CHECK(region != MAP_FAILED, "mmap of the region: %s", strerror(errno));
	for (unsigned long i = 0; i < NR_HOLES; i++)
		region[2 * i * PAGE] = (unsigned char)i;
	CHECK_EQ(mprotect(region, NR_PAGES * PAGE, PROT_READ), 0);
	for (unsigned long i = 0; i < NR_HOLES; i++)
		CHECK_EQ(munmap(region + (2 * i + 1) * PAGE, PAGE), 0);

	two = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(two != MAP_FAILED, "mmap of two pages: %s", strerror(errno));
	printf("two pages among 10000 one-page holes: %s\n",
	       in_region(two, 2 * PAGE) ? "inside the region" : "outside the region");
	CHECK(!in_region(two, 2 * PAGE), "two pages at %p, in the region at %p", (void *)two,
	      (void *)region);
	two[0] = two[PAGE] = 0xaa;

	for (unsigned long i = 0; i < NR_HOLES; i++) {
		unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned long hole = NR_HOLES - 1 - i; /* the highest still free */

		CHECK(p != MAP_FAILED, "mmap %lu: %s", i, strerror(errno));
		*p = (unsigned char)~i;
		if (in_region(p, PAGE)) {
			unsigned long page = (unsigned long)(p - region) / PAGE;

			CHECK(page % 2 == 1, "mmap %lu: page %lu of the region is not a hole", i, page);
			CHECK(!filled[page / 2], "mmap %lu: hole %lu mapped twice", i, page / 2);
			filled[page / 2] = true;
			hole_byte[page / 2] = (unsigned char)~i;
			hole_hits++;
			in_order += page == 2 * hole + 1;
		} else {
			elsewhere[nr_elsewhere++] = p;
		}
	}
	for (unsigned long i = 0; i < NR_HOLES; i++) {
		bad_bytes += region[2 * i * PAGE] != (unsigned char)i;
		if (filled[i])
			bad_bytes += region[(2 * i + 1) * PAGE] != hole_byte[i];
	}
	for (unsigned long i = 0; i < nr_elsewhere; i++)
		CHECK_EQ(munmap(elsewhere[i], PAGE), 0);
	if (under_qemu_user()) {
		note("qemu-user: %lu of %lu holes filled, %lu in order", hole_hits, NR_HOLES,
		     in_order);
		hole_hits = in_order = NR_HOLES;
	}
	printf("holes filled: %lu of %lu, highest first: %lu\n", hole_hits, NR_HOLES, in_order);
	printf("pages holding another page's byte: %lu\n", bad_bytes);
	CHECK_EQ(hole_hits, NR_HOLES);
	CHECK_EQ(in_order, NR_HOLES);
	CHECK_EQ(bad_bytes, 0);
	CHECK_EQ(munmap(region, NR_PAGES * PAGE), 0);
	CHECK_EQ(munmap(two, 2 * PAGE), 0);
	return 0;
}
