/* EXPECT: exit 0 */
/* LAB: lazy 25 */
/*
 * A read of never-written anonymous memory maps the shared zero page: it reads zeros,
 * costs no frame, and every such page is the same frame. A 64 MB private writable
 * anonymous mapping is read at every page (and wholly at its first and last page):
 * all zeros; mincore() shows every page resident (mapped); pagemap shows pages 0, 1 and
 * the last present with one and the same frame number (where frame numbers are shown:
 * user/harness/pagemap.h); on Faultline MemFree has dropped by less than 1 MB (page
 * tables), not by 64 MB.
 */
#include <check.h>
#include <errno.h>
#include <pagemap.h>
#include <proc_counters.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE     4096UL
#define LEN      (64UL << 20)
#define NR_PAGES (LEN / PAGE)

static unsigned char vec[NR_PAGES];

int main(void)
{
	long free_before = on_faultline() ? meminfo_kb("MemFree") : -1;
	volatile unsigned long *words;
	unsigned long sum = 0, e0, e1, elast;
	char *big;

	big = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED, "mmap 64 MB: %s", strerror(errno));
	CHECK_EQ(madvise(big, LEN, MADV_NOHUGEPAGE), 0); /* Linux: no huge zero page either */
	words = (volatile unsigned long *)big;
	for (size_t p = 0; p < NR_PAGES; p++)
		sum |= words[p * PAGE / sizeof(long) + p % (PAGE / sizeof(long))];
	for (size_t w = 0; w < PAGE / sizeof(long); w++)
		sum |= words[w] | words[(LEN - PAGE) / sizeof(long) + w];
	CHECK(sum == 0, "never-written memory reads nonzero (%#lx)", sum);
	CHECK_EQ(mincore(big, LEN, vec), 0);
	for (size_t p = 0; p < NR_PAGES; p++)
		CHECK(vec[p] & 1, "page %zu, read, is not resident", p);
	if (pagemap_pfns_shown()) {
		e0 = pagemap_entry(big);
		e1 = pagemap_entry(big + PAGE);
		elast = pagemap_entry(big + LEN - PAGE);
		CHECK((e0 & PM_PRESENT) && (e1 & PM_PRESENT) && (elast & PM_PRESENT),
		      "read pages not present: %#lx %#lx %#lx", e0, e1, elast);
		CHECK((e0 & PM_PFN) && (e0 & PM_PFN) == (e1 & PM_PFN) && (e0 & PM_PFN) == (elast & PM_PFN),
		      "read pages are not one frame: pfn %#lx %#lx %#lx", e0 & PM_PFN, e1 & PM_PFN,
		      elast & PM_PFN);
	}
	if (free_before >= 0) {
		long used_kb = free_before - meminfo_kb("MemFree");

		CHECK(used_kb < 1024, "reading 64 MB cost %ld kB", used_kb);
	}
	CHECK_EQ(munmap(big, LEN), 0);
	return 0;
}
