/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: pager 20 */
/*
 * The pager lab's pager (user/lib/lab_pager.c) gives holes the zero page. A range of 4
 * pages shows a file of one page and 100 bytes: page 0 is the file's ('x'), page 1 its
 * last 100 bytes ('y') then zeros, pages 2 and 3 lie past the file's end (holes). Each
 * page is read once. Checked: the bytes of all four; that the pager copied 2 pages
 * (UFFDIO_COPY) and mapped 2 zero pages (UFFDIO_ZEROPAGE); and that a write into a hole
 * afterwards needs no pager (the page is there: the pager sees no new fault) and lands.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <lab_pager.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE     LAB_PAGE_SIZE
#define NR_PAGES 4
#define TAIL     100 /* the file's bytes in page 1 */

static struct lab_pager pager;
static unsigned char buf[PAGE];

/* Do bytes [from, to) of page i of area all equal c? */
static bool all(const unsigned char *area, int i, unsigned long from, unsigned long to, int c)
{
	for (unsigned long b = from; b < to; b++)
		if (area[(unsigned long)i * PAGE + b] != c)
			return false;
	return true;
}

int main(void)
{
	unsigned char *area;
	int fd = memfd_create("pager-lab-holes", MFD_CLOEXEC);
	int uffd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);

	CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
	CHECK(uffd >= 0, "userfaultfd: %d", uffd);
	memset(buf, 'x', PAGE);
	CHECK_EQ(write(fd, buf, PAGE), PAGE);
	memset(buf, 'y', TAIL);
	CHECK_EQ(write(fd, buf, TAIL), TAIL);
	area = lab_pager_serve(&pager, uffd, NR_PAGES * PAGE,
			       UFFDIO_REGISTER_MODE_MISSING,
			       fd, PAGE + TAIL, NULL);
	CHECK(area, "lab_pager_serve: %s", strerror(errno));

	CHECK(all(area, 0, 0, PAGE, 'x'), "page 0 is the file's first page");
	CHECK(all(area, 1, 0, TAIL, 'y'), "page 1 begins with the file's last bytes");
	CHECK(all(area, 1, TAIL, PAGE, 0), "page 1 is zero after the file's end");
	CHECK(all(area, 3, 0, PAGE, 0), "page 3, a hole, reads zero");
	CHECK(all(area, 2, 0, PAGE, 0), "page 2, a hole, reads zero");
	printf("file pages hold the file, holes read zero\n");

	area[2 * PAGE + 9] = 'h'; /* a private copy of the zero page: no pager involved */
	CHECK_EQ(area[2 * PAGE + 9], 'h');
	CHECK(all(area, 2, 0, 9, 0), "the rest of page 2 still zero");
	CHECK(all(area, 3, 0, PAGE, 0), "page 3 untouched by the write to page 2");
	/* The counts are final once the pager thread has stopped. */
	CHECK_EQ(lab_pager_stop(&pager), 0);
	CHECK_EQ(pager.nr_copied, 2);
	CHECK_EQ(pager.nr_zeroed, 2);
	printf("two pages copied, two zero pages: a write into a hole needs no pager\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
