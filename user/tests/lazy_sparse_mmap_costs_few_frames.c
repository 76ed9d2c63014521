/* EXPECT: exit 0 */
/* LAB: lazy 30 */
/*
 * Lazy allocation: a 64 MB private anonymous mapping costs nothing until touched, and
 * then one frame per page touched. Eight pages spread over it are written: mincore()
 * then shows exactly those eight resident and every other page not, each reads back
 * its own tag, and (on Faultline, whose machine is otherwise idle) MemFree has dropped
 * by less than 1 MB (the eight pages and their page tables), not by 64 MB.
 */
#include <check.h>
#include <errno.h>
#include <proc_counters.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE     4096UL
#define LEN      (64UL << 20)
#define NR_PAGES (LEN / PAGE)
#define TOUCHED  8

static unsigned char vec[NR_PAGES];

/* The index of the i-th page touched: spread over the mapping, none at a table's start. */
static size_t touched(int i)
{
	return (size_t)i * (NR_PAGES / TOUCHED) + (size_t)i * 3 + 1;
}

int main(void)
{
	long free_before = on_faultline() ? meminfo_kb("MemFree") : -1;
	size_t resident = 0;
	char *big;

	big = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED, "mmap 64 MB: %s", strerror(errno));
	CHECK_EQ(madvise(big, LEN, MADV_NOHUGEPAGE), 0); /* one page a touch, on any Linux */
	for (int i = 0; i < TOUCHED; i++)
		big[touched(i) * PAGE + 100] = (char)(0x40 + i);
	CHECK_EQ(mincore(big, LEN, vec), 0);
	for (size_t p = 0; p < NR_PAGES; p++)
		resident += vec[p] & 1;
	CHECK(resident == TOUCHED, "%zu pages resident after %d were touched", resident, TOUCHED);
	for (int i = 0; i < TOUCHED; i++) {
		CHECK(vec[touched(i)] & 1, "touched page %zu is not resident", touched(i));
		CHECK_EQ(big[touched(i) * PAGE + 100], 0x40 + i);
		CHECK_EQ(big[touched(i) * PAGE], 0);
	}
	if (free_before >= 0) {
		long used_kb = free_before - meminfo_kb("MemFree");

		CHECK(used_kb < 1024, "touching %d pages cost %ld kB", TOUCHED, used_kb);
	}
	CHECK_EQ(munmap(big, LEN), 0);
	return 0;
}
