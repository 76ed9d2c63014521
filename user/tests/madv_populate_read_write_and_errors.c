/* EXPECT: exit 0 */
/*
 * madvise(MADV_POPULATE_READ / MADV_POPULATE_WRITE) fault a range in now, as reads or
 * writes would (Linux 5.14+):
 *   - POPULATE_READ on untouched anonymous memory: every page is resident (mincore) and
 *     reads as zero (whether a later write faults, to copy the zero page, differs between
 *     Linux versions and is not checked);
 *   - POPULATE_WRITE gives every page its own private page: writing then faults no more;
 *   - errors, Linux's: a hole in the range is ENOMEM; PROT_NONE, or POPULATE_WRITE on a
 *     read-only mapping, is EINVAL ("incompatible permissions"); a page of a file
 *     mapping wholly past the end of the file is EFAULT (the fault would be SIGBUS),
 *     after the pages before it were populated; an unaligned address is EINVAL.
 * Under qemu-user (whose madvise does nothing) the errors are not checked, and the fault
 * counts and residency are qemu's own, host-side: noted,
 * not checked.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 8

/* A libc call's result as the raw system call's: -errno on failure. */
static long raw(long r)
{
	return r == -1 ? -errno : r;
}

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

/* Write one byte into each page of p; how many minor faults that took. */
static long write_each(volatile unsigned char *p)
{
	long before = minflt();

	for (unsigned long i = 0; i < NR_PAGES; i++)
		p[i * PAGE + 1] = 0x5a;
	return minflt() - before;
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
	volatile unsigned char *a, *b;
	unsigned char sum = 0;
	long faults;
	int fd;

	nr_resident(prime, 1); /* the first call of each of these faults its own pages in */
	minflt();
	a = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	b = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED && b != MAP_FAILED, "mmap");
	resident_is(a, NR_PAGES, 0);

	CHECK_EQ(madvise((void *)a, NR_PAGES * PAGE, MADV_POPULATE_READ), 0);
	resident_is(a, NR_PAGES, NR_PAGES);
	for (unsigned long i = 0; i < NR_PAGES * PAGE; i += 64)
		sum |= a[i];
	CHECK_EQ(sum, 0);

	CHECK_EQ(madvise((void *)b, NR_PAGES * PAGE, MADV_POPULATE_WRITE), 0);
	resident_is(b, NR_PAGES, NR_PAGES);
	if (under_qemu_user()) {
		note("qemu-user: fault counts are the host's, not checked");
	} else {
		faults = write_each(b);
		CHECK(faults == 0, "writing %d pages after POPULATE_WRITE faulted %ld times", NR_PAGES,
		      faults);
	}

	/* Errors. */
	if (under_qemu_user()) {
		note("qemu-user's madvise does nothing and returns 0: the errors are not checked");
		return 0;
	}
	CHECK_EQ(munmap((void *)(a + 3 * PAGE), PAGE), 0);
	CHECK_ERR(raw(madvise((void *)a, NR_PAGES * PAGE, MADV_POPULATE_READ)), ENOMEM);
	CHECK_ERR(raw(madvise((void *)(a + 3 * PAGE), PAGE, MADV_POPULATE_WRITE)), ENOMEM);
	CHECK_ERR(raw(madvise((void *)(a + 1), PAGE, MADV_POPULATE_READ)), EINVAL);
	CHECK_EQ(mprotect((void *)b, PAGE, PROT_NONE), 0);
	CHECK_ERR(raw(madvise((void *)b, PAGE, MADV_POPULATE_READ)), EINVAL);
	CHECK_EQ(mprotect((void *)b, PAGE, PROT_READ), 0);
	CHECK_ERR(raw(madvise((void *)b, PAGE, MADV_POPULATE_WRITE)), EINVAL);
	CHECK_EQ(madvise((void *)b, PAGE, MADV_POPULATE_READ), 0);
	CHECK_EQ(madvise((void *)b, 0, MADV_POPULATE_WRITE), 0);

	/* A file mapping: its first page lies in the file, the second wholly past its end. */
	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open /data/hello.txt");
	a = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(a != MAP_FAILED, "mmap file");
	CHECK_ERR(raw(madvise((void *)a, 2 * PAGE, MADV_POPULATE_READ)), EFAULT);
	resident_is(a, 1, 1);
	CHECK_EQ(madvise((void *)a, PAGE, MADV_POPULATE_READ), 0);
	close(fd);
	return 0;
}
