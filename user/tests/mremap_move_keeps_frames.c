/* EXPECT: exit 0 */
/*
 * mremap(MREMAP_MAYMOVE) that cannot grow a mapping in place moves it, and moving
 * moves the page-table entries, never the bytes: every page written before the move is
 * resident at the new address at once (mincore), and reading all of them there takes
 * no page fault (ru_minflt does not move). Pages never touched stay untouched (not
 * resident), then read as zeros. The old range is unmapped (SIGSEGV SEGV_MAPERR), and
 * the new one is grown by zero pages. A move of a range that ends inside its mapping
 * takes just that part, leaving the rest where it was.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>

#define PAGE     4096UL
#define NR_PAGES 64

static long minflt(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

static void expect_maperr(unsigned char *addr)
{
	int sig = probe_read(addr);

	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
}

int main(void)
{
	static unsigned char vec[2 * NR_PAGES];
	unsigned char *p = mmap(NULL, (NR_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *blocker, *q, *r;
	unsigned long sum = 0, resident = 0;
	long before, after;

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	/* A read-only page right after it (a mapping of its own), so it cannot grow in place. */
	blocker = p + NR_PAGES * PAGE;
	CHECK_EQ(mprotect(blocker, PAGE, PROT_READ), 0);
	for (unsigned long i = 0; i < NR_PAGES; i++)
		if (i % 8 != 7) /* every 8th page is left untouched */
			memset(p + i * PAGE, (int)i, PAGE);

	q = mremap(p, NR_PAGES * PAGE, 2 * NR_PAGES * PAGE, 0);
	CHECK(q == MAP_FAILED && errno == ENOMEM, "grow without MREMAP_MAYMOVE: %p", (void *)q);
	q = mremap(p, NR_PAGES * PAGE, 2 * NR_PAGES * PAGE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED, "mremap: %s", strerror(errno));
	CHECK(q != p, "moved to the same address %p", (void *)q);

	CHECK_EQ(mincore(q, 2 * NR_PAGES * PAGE, vec), 0);
	for (unsigned long i = 0; i < 2 * NR_PAGES; i++) {
		bool want = i < NR_PAGES && i % 8 != 7;

		if (vec[i] & 1)
			resident++;
		if (under_qemu_user() && (vec[i] & 1) != want)
			continue; /* noted below */
		CHECK((vec[i] & 1) == want, "page %lu: resident %d", i, vec[i] & 1);
	}
	note("resident after the move: %lu of %d pages", resident, 2 * NR_PAGES);

	before = minflt();
	for (unsigned long i = 0; i < NR_PAGES; i++)
		if (i % 8 != 7)
			for (unsigned long b = 0; b < PAGE; b += 64)
				sum += q[i * PAGE + b];
	after = minflt();
	note("faults while reading the moved pages: %ld", after - before);
	if (after != before && under_qemu_user())
		note("qemu-user counts its own faults too: not checked");
	else
		CHECK(after == before, "reading moved pages took %ld faults", after - before);

	for (unsigned long i = 0; i < NR_PAGES; i++)
		for (unsigned long b = 0; b < PAGE; b++)
			CHECK(q[i * PAGE + b] == (i % 8 == 7 ? 0 : i), "page %lu byte %lu: %#x", i,
			      b, q[i * PAGE + b]);
	for (unsigned long b = NR_PAGES * PAGE; b < 2 * NR_PAGES * PAGE; b++)
		CHECK(q[b] == 0, "grown byte %lu: %#x", b, q[b]);
	memset(q + NR_PAGES * PAGE, 0x33, NR_PAGES * PAGE);
	expect_maperr(p);
	expect_maperr(p + NR_PAGES * PAGE - 1);
	printf("moved and grown: bytes kept, written pages resident without a fault, "
	       "old range unmapped (checksum %lu)\n", sum);

	/* The first 4 pages only: they move, the rest stays. */
	r = mremap(q, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	CHECK(r != MAP_FAILED, "mremap of a head: %s", strerror(errno));
	for (unsigned long i = 0; i < 4; i++)
		CHECK_EQ(r[i * PAGE + 100], i);
	CHECK_EQ(r[4 * PAGE], 0);
	expect_maperr(q);
	CHECK_EQ(q[4 * PAGE], 4);
	CHECK_EQ(q[2 * NR_PAGES * PAGE - 1], 0x33);
	printf("a head moved alone: it went, the rest stayed\n");
	CHECK_EQ(munmap(r, 8 * PAGE), 0);
	CHECK_EQ(munmap(q + 4 * PAGE, (2 * NR_PAGES - 4) * PAGE), 0);
	CHECK_EQ(munmap(blocker, PAGE), 0);
	return 0;
}
