/* EXPECT: exit 0 */
/*
 * Range loops descend the page tables once per table, not once per page. A 4 GiB
 * read-only mapping with one page read in every 2 MiB (so every leaf table exists, each
 * holding one zero-page entry): mincore() over all of it reports exactly those pages
 * resident, and under Faultline /proc/vmstat's faultline_pgtable_walk (descents from
 * the root) rises by about one per 2 MiB, not one per page: at most 2 * 2048 + 64 for
 * the 1,048,576 pages. mprotect() and munmap() of the whole range likewise.
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE       4096UL
#define TABLE_SPAN (2UL << 20)
#define LEN        (4UL << 30)
#define NR_PAGES   (LEN / PAGE)
#define MAX_WALKS  (2 * (LEN / TABLE_SPAN) + 64)

static long walks_since(long before)
{
	long now = vmstat_counter("faultline_pgtable_walk");

	return now < 0 ? 0 : now - before;
}

int main(void)
{
	volatile unsigned char *area = mmap(NULL, LEN, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *vec = mmap(NULL, NR_PAGES, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long wrong = 0, sum = 0;
	long before, walks;
	int ret;

	CHECK(area != MAP_FAILED && vec != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(vec, 0xee, NR_PAGES); /* fault vec in now, not during the call */
	for (unsigned long off = 0; off < LEN; off += TABLE_SPAN)
		sum += area[off];
	CHECK_EQ(sum, 0);

	before = vmstat_counter("faultline_pgtable_walk");
	CHECK(before >= 0 || !on_faultline(), "no faultline_pgtable_walk in /proc/vmstat");
	ret = mincore((void *)area, LEN, vec);
	if (ret && under_qemu_user()) {
		note("qemu-user: mincore() of this mapping fails (%s); its answers are not checked",
		     strerror(errno));
	} else {
		CHECK_EQ(ret, 0);
		for (unsigned long i = 0; i < NR_PAGES; i++)
			wrong += vec[i] != (i % (TABLE_SPAN / PAGE) == 0);
	}
	walks = walks_since(before);
	printf("mincore over 4 GiB: pages with the wrong answer: %lu\n", wrong);
	CHECK_EQ(wrong, 0);
	note("mincore: %ld page-table walks", walks);
	CHECK(walks <= (long)MAX_WALKS, "mincore walked the tables %ld times", walks);

	before = vmstat_counter("faultline_pgtable_walk");
	CHECK_EQ(mprotect((void *)area, LEN, PROT_NONE), 0);
	walks = walks_since(before);
	note("mprotect: %ld page-table walks", walks);
	CHECK(walks <= (long)MAX_WALKS, "mprotect walked the tables %ld times", walks);

	before = vmstat_counter("faultline_pgtable_walk");
	CHECK_EQ(munmap((void *)area, LEN), 0);
	walks = walks_since(before);
	note("munmap: %ld page-table walks", walks);
	CHECK(walks <= (long)MAX_WALKS, "munmap walked the tables %ld times", walks);
	printf("mprotect and munmap of it: 0\n");
	CHECK_EQ(munmap(vec, NR_PAGES), 0);
	return 0;
}
