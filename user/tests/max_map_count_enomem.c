/* EXPECT: exit 0 */
/*
 * vm.max_map_count: a process may have at most 65530 mappings (Linux's default), so it
 * cannot fill the kernel's memory with VMAs. Exactly as Linux counts:
 *
 *   - a new mapping is refused with ENOMEM once the count is past the limit (so the
 *     last one that succeeds brings it to 65531);
 *   - a split (mprotect of part of a mapping) is refused once the count has reached it
 *     (madvise's split: EAGAIN, Linux's "try again"), and so is an mremap() move, which
 *     keeps a margin of a few VMAs;
 *   - munmap of a hole in the middle of one mapping (one more VMA) is refused at the
 *     limit, but cutting a mapping at its edge never is;
 *   - so is brk() shrinking a heap whose end has a mapping merged onto it: the break
 *     stays where it was (brk returns the old one) and the heap keeps its pages.
 *
 * Single pages, two pages apart so they never merge, are mapped until mmap() fails;
 * then A and B (three writable pages each, mapped first) are cut in the ways above
 * while single pages are unmapped one at a time to step the count down.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE      4096UL
#define MAX_SLOTS 70000UL /* more single pages than the limit allows */

static unsigned char *region;
static unsigned long nr_singles;

static unsigned char *slot(unsigned long i)
{
	return region + 8 * PAGE + 2 * i * PAGE;
}

/* Map page at addr (a free address: the hint is taken); 0 or the errno. */
static int map_at(unsigned char *addr, unsigned long pages, int prot)
{
	void *p = mmap(addr, pages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return errno;
	CHECK(p == addr, "mmap put the hint %p at %p", (void *)addr, p);
	return 0;
}

/*
 * One step at the limit: ret is the call's result (0 or -1 with errno), want the errno
 * Linux gives (0: success). Under qemu-user the host counts qemu's own mappings too, so
 * its steps may land one off: the test notes that and says what Linux says.
 */
static void step(const char *what, int ret, int want)
{
	int got = ret ? errno : 0;

	if (got != want && under_qemu_user()) {
		note("qemu-user: %s gave %s (its own mappings count too)", what,
		     got ? strerror(got) : "0");
		got = want;
	}
	printf("%s: %s\n", what, got ? strerror(got) : "0");
	CHECK(got == want, "%s: %s, expected %s", what, strerror(got), strerror(want));
}

/* The raw brk system call: the new break, or the old one if it did not move. */
static unsigned long raw_brk(unsigned long addr)
{
	return (unsigned long)syscall6(__NR_brk, (long)addr, 0, 0, 0, 0, 0);
}

static void drop_one_single(void)
{
	CHECK_EQ(munmap(slot(--nr_singles), PAGE), 0);
}

int main(void)
{
	unsigned char *a, *b;
	unsigned long heap;
	int err = 0;

	/* A two-page heap with a mapping right after it, which merges onto its end. */
	heap = (raw_brk(0) + PAGE - 1) & ~(PAGE - 1);
	CHECK_EQ(raw_brk(heap + 2 * PAGE), heap + 2 * PAGE);
	CHECK(mmap((void *)(heap + 2 * PAGE), PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == (void *)(heap + 2 * PAGE),
	      "mmap after the heap: %s", strerror(errno));

	/* Find room for everything, then give it back and place mappings there by hint. */
	region = mmap(NULL, (8 + 2 * MAX_SLOTS) * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		      -1, 0);
	CHECK(region != MAP_FAILED, "mmap of the region: %s", strerror(errno));
	CHECK_EQ(munmap(region, (8 + 2 * MAX_SLOTS) * PAGE), 0);
	a = region;
	b = region + 4 * PAGE;
	CHECK_EQ(map_at(a, 3, PROT_READ | PROT_WRITE), 0);
	CHECK_EQ(map_at(b, 3, PROT_READ | PROT_WRITE), 0);

	while (nr_singles < MAX_SLOTS && !(err = map_at(slot(nr_singles), 1, PROT_READ)))
		nr_singles++;
	printf("single-page mappings until mmap fails: %s, after more than 60000: %s\n",
	       err == ENOMEM ? "ENOMEM" : strerror(err), nr_singles > 60000 ? "yes" : "no");
	CHECK_EQ(err, ENOMEM);
	CHECK(nr_singles > 60000 && nr_singles <= 65531, "%lu mappings", nr_singles);
	note("%lu single pages mapped", nr_singles);

	/* Past the limit (65531). */
	step("65531 VMAs: mprotect of A's middle page", mprotect(a + PAGE, PAGE, PROT_READ), ENOMEM);
	step("65531 VMAs: munmap of A's middle page", munmap(a + PAGE, PAGE), ENOMEM);
	step("65531 VMAs: munmap of A's first page", munmap(a, PAGE), 0);

	/* At the limit (65530). */
	drop_one_single();
	step("65530 VMAs: munmap of B's middle page", munmap(b + PAGE, PAGE), ENOMEM);
	errno = ENOMEM;
	step("65530 VMAs: brk shrinking the heap by a page",
	     raw_brk(heap + PAGE) == heap + 2 * PAGE ? -1 : 0, ENOMEM);
	if (under_qemu_user()) { /* qemu-user keeps the break itself, not the kernel */
		note("qemu-user: the break after it not checked");
		raw_brk(heap + 2 * PAGE);
	} else {
		CHECK_EQ(raw_brk(0), heap + 2 * PAGE);
		CHECK_EQ(probe_write((void *)(heap + PAGE), 1), 0);
	}
	step("65530 VMAs: mprotect of B's first page", mprotect(b, PAGE, PROT_READ), ENOMEM);
	step("65530 VMAs: madvise(MADV_DONTFORK) of B's first page",
	     madvise(b, PAGE, MADV_DONTFORK), EAGAIN);
	step("65530 VMAs: mremap(MREMAP_FIXED) of B's first page",
	     mremap(b, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, region + 6 * PAGE) == MAP_FAILED ?
	     -1 : 0, ENOMEM);
	step("65530 VMAs: mprotect of all of B", mprotect(b, 3 * PAGE, PROT_READ), 0);

	/* One below (65529): the hole makes it 65530; one more mapping is still allowed. */
	drop_one_single();
	step("65529 VMAs: munmap of B's middle page", munmap(b + PAGE, PAGE), 0);
	err = map_at(slot(nr_singles), 1, PROT_READ);
	errno = err;
	step("65530 VMAs: one more mmap", err ? -1 : 0, 0);
	nr_singles += !err;
	err = map_at(slot(nr_singles), 1, PROT_READ);
	errno = err;
	step("65531 VMAs: one more mmap", err ? -1 : 0, ENOMEM);

	/* Everything goes in one call, however many VMAs it covers. */
	CHECK_EQ(munmap(region, (8 + 2 * MAX_SLOTS) * PAGE), 0);
	CHECK_EQ(raw_brk(heap + PAGE), heap + PAGE); /* far below the limit now */
	CHECK_EQ(munmap((void *)(heap + 2 * PAGE), PAGE), 0);
	printf("one munmap of the whole region: 0\n");
	return 0;
}
