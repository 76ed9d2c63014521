/* EXPECT: exit 0 */
/*
 * mremap() without MREMAP_MAYMOVE resizes a mapping where it is:
 *
 *   - Shrinking keeps the head's bytes and unmaps the tail (a touch there is SIGSEGV
 *     SEGV_MAPERR); the address returned is the old one.
 *   - Growing, when the space after the mapping is free, keeps the address and the
 *     bytes, and the new pages read as zeros and can be written.
 *   - Growing up to a mapping that follows works too, and the two then unmap as one
 *     range. Growing past a mapping that follows is ENOMEM, and leaves the mapping as it
 *     was; so is growing a range that ends inside its mapping.
 *   - The same size is a no-op that returns the address.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>

#define PAGE 4096UL

/* Fail unless [p, p+len) is filled with fill. */
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
	CHECK(probe_info.si_addr == addr, "si_addr %p, expected %p", probe_info.si_addr,
	      (void *)addr);
}

int main(void)
{
	/* 16 pages reserved, the upper 12 given back: room to grow into. */
	unsigned char *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *q;

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(munmap(p + 4 * PAGE, 12 * PAGE), 0);
	memset(p, 0x5a, 4 * PAGE);

	q = mremap(p, 4 * PAGE, 4 * PAGE, 0);
	CHECK(q == p, "same size: %p, expected %p", (void *)q, (void *)p);

	q = mremap(p, 4 * PAGE, 2 * PAGE, 0);
	CHECK(q == p, "shrink: %p, expected %p (%s)", (void *)q, (void *)p, strerror(errno));
	check_filled(p, 2 * PAGE, 0x5a);
	expect_maperr(p + 2 * PAGE);
	expect_maperr(p + 4 * PAGE - 1);
	printf("shrunk 4 -> 2 pages in place: head kept, tail unmapped\n");

	q = mremap(p, 2 * PAGE, 6 * PAGE, 0);
	CHECK(q == p, "grow: %p, expected %p (%s)", (void *)q, (void *)p, strerror(errno));
	check_filled(p, 2 * PAGE, 0x5a);
	check_filled(p + 2 * PAGE, 4 * PAGE, 0);
	memset(p + 2 * PAGE, 0xa5, 4 * PAGE);
	check_filled(p + 2 * PAGE, 4 * PAGE, 0xa5);
	printf("grown 2 -> 6 pages in place: old bytes kept, new pages zero and writable\n");

	/* A mapping right after: grow up to it, not past it. */
	q = mmap(p + 8 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == p + 8 * PAGE, "mmap at p+8 pages: %s", strerror(errno));
	memset(q, 0x77, 2 * PAGE);
	q = mremap(p, 6 * PAGE, 9 * PAGE, 0);
	CHECK(q == MAP_FAILED && errno == ENOMEM, "grow past the next mapping: %p errno %d",
	      (void *)q, errno);
	check_filled(p + 2 * PAGE, 4 * PAGE, 0xa5);
	expect_maperr(p + 6 * PAGE);
	q = mremap(p, 2 * PAGE, 3 * PAGE, 0);
	CHECK(q == MAP_FAILED && errno == ENOMEM, "grow from inside the mapping: %p errno %d",
	      (void *)q, errno);
	printf("growing past the next mapping, or from inside: ENOMEM, nothing changed\n");

	q = mremap(p, 6 * PAGE, 8 * PAGE, 0);
	CHECK(q == p, "grow up to the next mapping: %p (%s)", (void *)q, strerror(errno));
	check_filled(p + 6 * PAGE, 2 * PAGE, 0);
	check_filled(p + 8 * PAGE, 2 * PAGE, 0x77);
	/* Now one range of 10 pages: mprotect and munmap see no hole. */
	CHECK_EQ(mprotect(p, 10 * PAGE, PROT_READ), 0);
	printf("grown up to the next mapping: one range, its bytes kept\n");
	CHECK_EQ(munmap(p, 10 * PAGE), 0);
	expect_maperr(p);
	expect_maperr(p + 9 * PAGE);
	return 0;
}
