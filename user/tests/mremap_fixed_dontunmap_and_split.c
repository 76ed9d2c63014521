/* EXPECT: exit 0 */
/*
 * mremap() to a chosen address:
 *
 *   - MREMAP_FIXED moves a mapping over whatever was mapped at the target: the target's
 *     old bytes are gone, the moved bytes are there, the parts of the target mapping
 *     outside the new range stay, and the old range is unmapped.
 *   - Moving a middle part of a mapping splits it: its head and tail keep their bytes
 *     where they were, the middle becomes a hole (SIGSEGV SEGV_MAPERR).
 *   - MREMAP_DONTUNMAP moves the pages and leaves the old range mapped but empty: it
 *     reads as zeros again (and can be written), while the new range has the bytes.
 *   - Overlapping old and new ranges are EINVAL, and change nothing.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>

#define PAGE 4096UL

static void check_filled(const unsigned char *p, unsigned long len, unsigned char fill)
{
	for (unsigned long i = 0; i < len; i++)
		CHECK(p[i] == fill, "byte %lu is %#x, expected %#x", i, p[i], fill);
}

static void expect_maperr(unsigned char *addr)
{
	int sig = probe_read(addr);

	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
}

static unsigned char *map(unsigned long pages, unsigned char fill)
{
	unsigned char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(p, fill, pages * PAGE);
	return p;
}

static void check_fixed(void)
{
	unsigned char *src = map(4, 0x11), *dst = map(8, 0x22), *r;

	r = mremap(src, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, dst + 2 * PAGE);
	CHECK(r == dst + 2 * PAGE, "MREMAP_FIXED: %p, expected %p (%s)", (void *)r,
	      (void *)(dst + 2 * PAGE), strerror(errno));
	check_filled(dst, 2 * PAGE, 0x22);
	check_filled(dst + 2 * PAGE, 4 * PAGE, 0x11);
	check_filled(dst + 6 * PAGE, 2 * PAGE, 0x22);
	expect_maperr(src);
	expect_maperr(src + 3 * PAGE);
	printf("MREMAP_FIXED over a mapping: its middle replaced, its ends kept, source gone\n");

	/* Overlapping: 4 pages at dst+2 to dst+4 (they share pages 4 and 5). */
	r = mremap(dst + 2 * PAGE, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
		   dst + 4 * PAGE);
	CHECK(r == MAP_FAILED && errno == EINVAL, "overlapping move: %p errno %d", (void *)r,
	      errno);
	check_filled(dst + 2 * PAGE, 4 * PAGE, 0x11);
	check_filled(dst + 6 * PAGE, 2 * PAGE, 0x22);
	printf("overlapping old and new ranges: EINVAL, nothing changed\n");
	CHECK_EQ(munmap(dst, 8 * PAGE), 0);
}

static void check_split(void)
{
	unsigned char *p = map(6, 0), *to = map(2, 0x99), *r;

	for (unsigned long i = 0; i < 6; i++)
		memset(p + i * PAGE, (int)(0x60 + i), PAGE);
	CHECK_EQ(munmap(to, 2 * PAGE), 0); /* a free range to move to */
	r = mremap(p + 2 * PAGE, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	CHECK(r == to, "move of the middle: %p (%s)", (void *)r, strerror(errno));
	for (unsigned long i = 0; i < 6; i++) {
		if (i == 2 || i == 3) {
			expect_maperr(p + i * PAGE);
			check_filled(to + (i - 2) * PAGE, PAGE, (unsigned char)(0x60 + i));
		} else {
			check_filled(p + i * PAGE, PAGE, (unsigned char)(0x60 + i));
		}
	}
	/* The head and the tail are separate mappings now; each can go on its own. */
	CHECK_EQ(munmap(p, 2 * PAGE), 0);
	check_filled(p + 4 * PAGE, PAGE, 0x64);
	check_filled(p + 5 * PAGE, PAGE, 0x65);
	printf("middle of a mapping moved: head and tail stayed, middle a hole\n");
	CHECK_EQ(munmap(p + 4 * PAGE, 2 * PAGE), 0);
	CHECK_EQ(munmap(to, 2 * PAGE), 0);
}

static void check_dontunmap(void)
{
	unsigned char *p = map(4, 0x3c), *r;

	r = mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	CHECK(r != MAP_FAILED, "MREMAP_DONTUNMAP: %s", strerror(errno));
	CHECK(r != p, "moved to the same address");
	check_filled(r, 4 * PAGE, 0x3c);
	check_filled(p, 4 * PAGE, 0);
	memset(p, 0x4d, PAGE);
	check_filled(p, PAGE, 0x4d);
	check_filled(r, PAGE, 0x3c);
	printf("MREMAP_DONTUNMAP: new range has the bytes, old range mapped and zero\n");
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
	CHECK_EQ(munmap(r, 4 * PAGE), 0);
}

int main(void)
{
	check_fixed();
	check_split();
	check_dontunmap();
	return 0;
}
