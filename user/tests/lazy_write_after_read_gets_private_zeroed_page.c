/* EXPECT: exit 0 */
/* LAB: lazy 25 */
/*
 * A write after a read: page 0 and page 1 of a private anonymous mapping are read (the
 * zero page, one frame for both where pagemap shows frames: user/harness/pagemap.h),
 * then page 0 is written. Page 0 now has a frame of its own, zeroed but for the byte
 * written; page 1, and every other page read later, still reads zeros and still is the
 * zero page: the write went to a private page, never through the shared one.
 */
#include <check.h>
#include <errno.h>
#include <pagemap.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL
#define LEN  (4 * PAGE)

/* Whether the page at p reads all zeros except (if except < PAGE) byte except. */
static bool zeros_but(const char *p, size_t except)
{
	for (size_t i = 0; i < PAGE; i++)
		if (i != except && p[i])
			return false;
	return true;
}

int main(void)
{
	unsigned long zero_pfn = 0, e;
	char *m;

	m = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(zeros_but(m, PAGE) && zeros_but(m + PAGE, PAGE), "read pages are not zero");
	if (pagemap_pfns_shown()) {
		zero_pfn = pagemap_entry(m) & PM_PFN;
		CHECK(zero_pfn && (pagemap_entry(m + PAGE) & PM_PFN) == zero_pfn,
		      "pages 0 and 1, read, are frames %#lx and %#lx, not one zero page", zero_pfn,
		      pagemap_entry(m + PAGE) & PM_PFN);
	}
	m[123] = 0x5a;
	CHECK_EQ(m[123], 0x5a);
	CHECK(zeros_but(m, 123), "the written page is not zero around the byte written");
	CHECK(zeros_but(m + PAGE, PAGE), "page 1 changed when page 0 was written");
	CHECK(zeros_but(m + 2 * PAGE, PAGE), "page 2, read after the write, is not zero");
	if (pagemap_pfns_shown()) {
		e = pagemap_entry(m);
		CHECK((e & PM_PRESENT) && (e & PM_PFN) && (e & PM_PFN) != zero_pfn,
		      "the written page: entry %#lx (zero page frame %#lx)", e, zero_pfn);
		CHECK_EQ(pagemap_entry(m + PAGE) & PM_PFN, zero_pfn);
		CHECK_EQ(pagemap_entry(m + 2 * PAGE) & PM_PFN, zero_pfn);
	}
	CHECK_EQ(munmap(m, LEN), 0);
	return 0;
}
