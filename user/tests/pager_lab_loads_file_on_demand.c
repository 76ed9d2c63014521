/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: pager 30 */
/*
 * The pager lab's pager (user/lib/lab_pager.c) loads a file into memory on demand. A
 * range of 4 anonymous pages shows a 4-page file (page i filled with 'a' + i, its first
 * bytes "file page i"), registered MISSING. This thread reads page 2, then page 0, then
 * writes into page 3: each first touch waits for the pager, which must map the file's
 * page there. Checked: every byte of the three pages (page 3 with the one byte written),
 * that the pager mapped exactly 3 pages with UFFDIO_COPY and no hole, that page 1, never
 * touched, was never loaded (mincore: not resident), and that the pager had no error.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <lab_pager.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE     LAB_PAGE_SIZE
#define NR_PAGES 4

static struct lab_pager pager;
static unsigned char want[PAGE];

/* The file's page i. */
static void file_page(int i, unsigned char *buf)
{
	memset(buf, 'a' + i, PAGE);
	snprintf((char *)buf, 32, "file page %d", i);
}

static void check_page(const unsigned char *area, int i)
{
	file_page(i, want);
	CHECK(memcmp(area + (unsigned long)i * PAGE, want, PAGE) == 0,
	      "page %d holds the file's page %d", i, i);
}

int main(void)
{
	unsigned char *area;
	unsigned char vec[NR_PAGES];
	int fd = memfd_create("pager-lab-file", MFD_CLOEXEC);
	int uffd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);

	CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
	CHECK(uffd >= 0, "userfaultfd: %d", uffd);
	for (int i = 0; i < NR_PAGES; i++) {
		file_page(i, want);
		CHECK_EQ(write(fd, want, PAGE), PAGE);
	}
	area = lab_pager_serve(&pager, uffd, NR_PAGES * PAGE,
			       UFFDIO_REGISTER_MODE_MISSING,
			       fd, NR_PAGES * PAGE, NULL);
	CHECK(area, "lab_pager_serve: %s", strerror(errno));

	CHECK_EQ(area[2 * PAGE], 'f');        /* waits for page 2 */
	CHECK_EQ(area[PAGE - 1], 'a');        /* waits for page 0 */
	area[3 * PAGE + 100] = 'W';           /* waits for page 3, then writes */
	CHECK_EQ(lab_pager_stop(&pager), 0);
	printf("three first touches, each answered\n");

	check_page(area, 0);
	check_page(area, 2);
	CHECK_EQ(area[3 * PAGE + 100], 'W');
	area[3 * PAGE + 100] = 'a' + 3;
	check_page(area, 3);
	printf("pages 0, 2 and 3 hold the file's bytes\n");
	CHECK_EQ(pager.nr_copied, 3);
	CHECK_EQ(pager.nr_zeroed, 0);
	CHECK_EQ(mincore(area, NR_PAGES * PAGE, vec), 0);
	CHECK_EQ(vec[0] & 1, 1);
	CHECK_EQ(vec[1] & 1, 0);
	CHECK_EQ(vec[2] & 1, 1);
	printf("page 1, never touched, never loaded\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
