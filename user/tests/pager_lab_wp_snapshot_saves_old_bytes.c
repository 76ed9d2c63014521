/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LINUX-REF-ARCH: x86_64: Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only), Faultline has it on both arches */
/* LAB: pager 25 */
/*
 * The pager lab's pager (user/lib/lab_pager.c) takes a write-protect snapshot. A range of
 * 4 pages, registered MISSING | WP, is loaded from a file (page i filled with '0' + i) by
 * reading each page. Then the whole range is write-protected (UFFDIO_WRITEPROTECT) and
 * the program writes into pages 1 and 3: each first write waits while the pager saves the
 * page into the snapshot and lifts the protection. Checked: the snapshot holds the old
 * bytes of pages 1 and 3 and nothing for pages 0 and 2 (never written); the memory holds
 * the new bytes; a second write into page 1 needs no pager; and the pager saved exactly
 * 2 pages and had no error.
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

static struct lab_pager pager;
static unsigned char buf[PAGE];
static unsigned char snapshot[NR_PAGES * PAGE];

/* Do bytes [from, to) of page i of p all equal c? */
static bool all(const unsigned char *p, int i, unsigned long from, unsigned long to, int c)
{
	for (unsigned long b = from; b < to; b++)
		if (p[(unsigned long)i * PAGE + b] != c)
			return false;
	return true;
}

int main(void)
{
	unsigned char *area;
	struct uffdio_writeprotect wp;
	int fd = memfd_create("pager-lab-snapshot", MFD_CLOEXEC);
	int uffd = uffd_open(O_CLOEXEC | O_NONBLOCK, UFFD_FEATURE_PAGEFAULT_FLAG_WP);

	CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
	CHECK(uffd >= 0, "userfaultfd: %d", uffd);
	for (int i = 0; i < NR_PAGES; i++) {
		memset(buf, '0' + i, PAGE);
		CHECK_EQ(write(fd, buf, PAGE), PAGE);
	}
	area = lab_pager_serve(&pager, uffd, NR_PAGES * PAGE,
			       UFFDIO_REGISTER_MODE_MISSING | UFFDIO_REGISTER_MODE_WP,
			       fd, NR_PAGES * PAGE, snapshot);
	CHECK(area, "lab_pager_serve: %s", strerror(errno));
	for (int i = 0; i < NR_PAGES; i++)
		CHECK_EQ(area[(unsigned long)i * PAGE], '0' + i);
	printf("loaded\n");

	wp.range.start = (unsigned long)area;
	wp.range.len = NR_PAGES * PAGE;
	wp.mode = UFFDIO_WRITEPROTECT_MODE_WP;
	CHECK_EQ(uffd_ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
	memset(area + PAGE, 'N', PAGE);      /* the first byte waits for the pager */
	memset(area + 3 * PAGE, 'M', PAGE);  /* so does this one */
	area[PAGE + 1] = 'n';                /* no longer protected: no wait */
	CHECK_EQ(lab_pager_stop(&pager), 0);
	printf("two pages written under the snapshot\n");

	CHECK(all(snapshot, 1, 0, PAGE, '1'), "the snapshot holds page 1 as it was");
	CHECK(all(snapshot, 3, 0, PAGE, '3'), "the snapshot holds page 3 as it was");
	CHECK(all(snapshot, 0, 0, PAGE, 0), "page 0, never written, not saved");
	CHECK(all(snapshot, 2, 0, PAGE, 0), "page 2, never written, not saved");
	CHECK(all(area, 0, 0, PAGE, '0'), "page 0 unchanged");
	CHECK_EQ(area[PAGE], 'N');
	CHECK_EQ(area[PAGE + 1], 'n');
	CHECK(all(area, 1, 2, PAGE, 'N'), "page 1 written");
	CHECK(all(area, 3, 0, PAGE, 'M'), "page 3 written");
	CHECK_EQ(pager.nr_copied, NR_PAGES); /* final: the pager thread has stopped */
	CHECK_EQ(pager.nr_saved, 2);
	printf("the snapshot kept the old bytes, the memory has the new\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
