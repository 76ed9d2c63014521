/* EXPECT: exit 0 */
/*
 * Where mmap() puts a mapping:
 *
 *   - an address given as a hint (no MAP_FIXED) is taken when the range is free;
 *   - when the range is taken, the hint is ignored: the mapping goes elsewhere, not
 *     overlapping, and what was there is untouched;
 *   - MAP_FIXED_NOREPLACE maps exactly there if the range is free, and fails with
 *     EEXIST if any of it is mapped (all of it, its start, or only its last page),
 *     leaving the old mapping whole; at address 0 it is EPERM (below mmap_min_addr;
 *     checked under Faultline only, since Linux lets root map page 0).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGE 4096UL
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW   (PROT_READ | PROT_WRITE)

static bool overlaps(unsigned char *a, unsigned long a_len, unsigned char *b, unsigned long b_len)
{
	return a < b + b_len && b < a + a_len;
}

static void check_filled(unsigned char *p, unsigned long len, unsigned char fill)
{
	for (unsigned long i = 0; i < len; i++)
		CHECK(p[i] == fill, "byte %lu of the old mapping is %#x, expected %#x", i, p[i], fill);
}

/*
 * MAP_FIXED_NOREPLACE at addr for len, over (part of) the mapping at taken: must be
 * EEXIST. qemu-user 7.2 does not know the flag and takes addr as a hint: there the
 * mapping it made elsewhere is noted and undone.
 */
static void expect_eexist(const char *what, unsigned char *addr, unsigned long len,
			  unsigned char *taken, unsigned long taken_len)
{
	long r = syscall6(__NR_mmap, (long)addr, (long)len, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);

	if (r >= 0 && under_qemu_user() && !overlaps((unsigned char *)r, len, taken, taken_len)) {
		note("qemu-user: MAP_FIXED_NOREPLACE over %s was taken as a hint", what);
		CHECK_EQ(munmap((void *)r, len), 0);
		return;
	}
	note("MAP_FIXED_NOREPLACE over %s: %s", what, r == -EEXIST ? "EEXIST" : "not EEXIST");
	CHECK_ERR(r, EEXIST);
}

int main(void)
{
	unsigned char *area, *hinted, *moved, *fixed;
	long r;

	/* Find a free range of 8 pages: map it, unmap it. */
	area = mmap(NULL, 8 * PAGE, RW, ANON, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(munmap(area, 8 * PAGE), 0);

	hinted = mmap(area + 2 * PAGE, 4 * PAGE, RW, ANON, -1, 0);
	printf("hint at a free range: %s\n", hinted == area + 2 * PAGE ? "taken" : "not taken");
	CHECK(hinted == area + 2 * PAGE, "the hint %p gave %p", (void *)(area + 2 * PAGE),
	      (void *)hinted);
	memset(hinted, 0x5a, 4 * PAGE);

	moved = mmap(hinted + PAGE, 2 * PAGE, RW, ANON, -1, 0);
	CHECK(moved != MAP_FAILED, "mmap with a taken hint: %s", strerror(errno));
	printf("hint at a taken range: %s, overlapping: %s\n",
	       moved == hinted + PAGE ? "taken" : "moved",
	       overlaps(moved, 2 * PAGE, hinted, 4 * PAGE) ? "yes" : "no");
	CHECK(!overlaps(moved, 2 * PAGE, hinted, 4 * PAGE), "%p overlaps %p", (void *)moved,
	      (void *)hinted);
	CHECK_EQ(moved[0], 0);
	check_filled(hinted, 4 * PAGE, 0x5a);
	CHECK_EQ(munmap(moved, 2 * PAGE), 0);

	expect_eexist("the whole mapping", hinted, 4 * PAGE, hinted, 4 * PAGE);
	expect_eexist("its middle page", hinted + PAGE, PAGE, hinted, 4 * PAGE);
	expect_eexist("a range that starts in it", hinted + 3 * PAGE, 4 * PAGE, hinted, 4 * PAGE);
	expect_eexist("a range that ends in its first page", area, 3 * PAGE, hinted, 4 * PAGE);
	check_filled(hinted, 4 * PAGE, 0x5a);
	printf("MAP_FIXED_NOREPLACE over any part of it: refused, the mapping untouched\n");

	fixed = mmap(area, 2 * PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	printf("MAP_FIXED_NOREPLACE at the free range just below it: %s\n",
	       fixed == area ? "mapped there" : "not there");
	CHECK(fixed == area, "gave %p (%s), expected %p", (void *)fixed,
	      fixed == MAP_FAILED ? strerror(errno) : "elsewhere", (void *)area);
	CHECK_EQ(fixed[0], 0);
	CHECK_EQ(fixed[2 * PAGE - 1], 0);
	fixed[0] = 1;
	check_filled(hinted, 4 * PAGE, 0x5a);

	/* Linux lets a process with CAP_SYS_RAWIO (root) map page 0: checked here only. */
	r = syscall6(__NR_mmap, 0, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	note("MAP_FIXED_NOREPLACE at 0: %s", r == -EPERM ? "EPERM" : r ? strerror((int)-r) : "mapped");
	if (on_faultline())
		CHECK_ERR(r, EPERM);
	else if (r == 0)
		CHECK_EQ(munmap(NULL, PAGE), 0);

	CHECK_EQ(munmap(area, 8 * PAGE), 0);
	return 0;
}
