/* EXPECT: exit 0 */
/*
 * mmap(MAP_POPULATE) faults every page in before it returns:
 *   - mincore() says every page is resident right after mmap;
 *   - the faults are counted to the caller then (ru_minflt rises by at least the number
 *     of pages during the mmap call), and none comes later: a writable private mapping
 *     is populated with write faults, so writing every page faults no more;
 *   - a read-only private mapping is populated too (read faults: the zero page), and
 *     MAP_POPULATE | MAP_NONBLOCK populates nothing.
 * Under qemu-user the fault counts and residency are qemu's own, host-side: noted,
 * not checked.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 32

static unsigned char prime[PAGE] __attribute__((aligned(PAGE)));

static long minflt(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

static int nr_resident(const volatile void *p, unsigned long pages)
{
	static unsigned char vec[NR_PAGES];
	int n = 0;

	CHECK_EQ(mincore((void *)p, pages * PAGE, vec), 0);
	for (unsigned long i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

/*
 * Fail unless want of the pages at p are resident. qemu-user maps the guest's memory
 * its own way (and drops MAP_POPULATE), so there the count is only noted.
 */
static void resident_is(const volatile void *p, unsigned long pages, int want)
{
	int n = nr_resident(p, pages);

	if (n != want && under_qemu_user())
		note("qemu-user: %d of %lu pages resident, Linux says %d", n, pages, want);
	else
		CHECK(n == want, "%d of %lu pages resident, expected %d", n, pages, want);
}

int main(void)
{
	long before, during, after;
	volatile unsigned char *p, *r, *q;
	unsigned char sum = 0;

	nr_resident(prime, 1); /* the first call of each of these faults its own pages in */
	minflt();
	before = minflt();
	p = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	during = minflt() - before;
	CHECK(p != MAP_FAILED, "mmap MAP_POPULATE");
	resident_is((void *)p, NR_PAGES, NR_PAGES);

	before = minflt();
	for (unsigned long i = 0; i < NR_PAGES; i++)
		p[i * PAGE] = (unsigned char)i;
	after = minflt() - before;
	if (under_qemu_user()) {
		note("qemu-user: fault counts are the host's, not checked");
	} else {
		CHECK(during >= NR_PAGES, "mmap counted %ld faults", during);
		CHECK(after == 0, "writing every page afterwards faulted %ld times", after);
	}

	r = mmap(NULL, NR_PAGES * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		 -1, 0);
	CHECK(r != MAP_FAILED, "mmap read-only MAP_POPULATE");
	resident_is((void *)r, NR_PAGES, NR_PAGES);
	for (unsigned long i = 0; i < NR_PAGES; i++)
		sum |= r[i * PAGE];
	CHECK_EQ(sum, 0);

	q = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_NONBLOCK, -1, 0);
	CHECK(q != MAP_FAILED, "mmap MAP_POPULATE|MAP_NONBLOCK");
	resident_is((void *)q, NR_PAGES, 0);

	CHECK_EQ(munmap((void *)p, NR_PAGES * PAGE), 0);
	CHECK_EQ(munmap((void *)r, NR_PAGES * PAGE), 0);
	CHECK_EQ(munmap((void *)q, NR_PAGES * PAGE), 0);
	return 0;
}
