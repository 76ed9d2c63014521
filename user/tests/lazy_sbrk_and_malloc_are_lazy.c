/* EXPECT: exit 0 */
/* LAB: lazy 20 */
/*
 * The heap is lazy too: 16 MB from sbrk() and a 16 MB malloc() block (a mapping of its
 * own: user/lib/malloc.c) have no page resident (mincore()) until touched; writing one
 * page of each and reading another makes exactly those two resident in each, and the
 * bytes read back: the one written, zeros elsewhere.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE     4096UL
#define LEN      (16UL << 20)
#define NR_PAGES (LEN / PAGE)

static unsigned char vec[NR_PAGES];

/* How many pages of the whole pages in [start, start + len) are resident. */
static size_t resident(char *start, size_t len)
{
	char *first = (char *)(((uintptr_t)start + PAGE - 1) & ~(PAGE - 1));
	size_t nr = (size_t)(start + len - first) / PAGE, count = 0;

	CHECK_EQ(mincore(first, nr * PAGE, vec), 0);
	for (size_t p = 0; p < nr; p++)
		count += vec[p] & 1;
	return count;
}

/* Write page 100 of [start, start + LEN), read page 200: two pages made resident. */
static void touch_two(char *start, const char *what)
{
	char *first = (char *)(((uintptr_t)start + PAGE - 1) & ~(PAGE - 1));

	CHECK(resident(start, LEN - PAGE) == 0, "%s: pages resident before any touch", what);
	first[100 * PAGE + 7] = 0x77;
	CHECK_EQ(first[200 * PAGE + 7], 0);
	CHECK_EQ(first[100 * PAGE + 7], 0x77);
	CHECK_EQ(first[100 * PAGE + 8], 0);
	CHECK(resident(start, LEN - PAGE) == 2, "%s: %zu pages resident after two were touched",
	      what, resident(start, LEN - PAGE));
}

int main(void)
{
	char *heap = sbrk((long)LEN), *block;

	CHECK(heap != (char *)-1, "sbrk 16 MB: %s", strerror(errno));
	CHECK_EQ(madvise((char *)(((uintptr_t)heap + PAGE - 1) & ~(PAGE - 1)), LEN - PAGE,
			 MADV_NOHUGEPAGE), 0);
	touch_two(heap, "sbrk");
	block = malloc(LEN);
	CHECK(block != NULL, "malloc 16 MB: %s", strerror(errno));
	/* malloc wrote its header into the block's first page: count from the next. */
	CHECK_EQ(madvise((char *)(((uintptr_t)block + PAGE - 1) & ~(PAGE - 1)), LEN - PAGE,
			 MADV_NOHUGEPAGE), 0);
	touch_two(block + PAGE, "malloc");
	free(block);
	CHECK(sbrk(-(long)LEN) != (char *)-1, "sbrk back: %s", strerror(errno));
	return 0;
}
