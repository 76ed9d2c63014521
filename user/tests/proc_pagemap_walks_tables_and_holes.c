/* EXPECT: exit 0 */
/*
 * /proc/self/pagemap is a walk of the process's page tables, one 64-bit entry per
 * virtual page at offset (va / 4096) * 8. For pages this test maps itself, in one read
 * of many entries at a time:
 *
 *   - in a 4 MiB anonymous mapping, the two pages on either side of a 2 MiB boundary
 *     (so in two different leaf tables; made writable, a VMA of their own) are present (bit 63), exclusive (bit 56), not
 *     file (bit 61) once written, each with a frame number of its own (root reads them;
 *     bits 0-54); their neighbours, never touched, read 0;
 *   - a page only read (the zero page) is present and not file (bit 56 is not checked:
 *     Linux 6.18 sets it there, older Linux and Faultline do not);
 *   - a page of a file mapping, read, is present and file;
 *   - a page that lost its mapping (munmap) reads 0 again, as do the addresses of a hole
 *     between two mappings.
 *
 * (Under qemu-user, pagemap is the emulator's own: the checks are skipped.)
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE         4096UL
#define TWO_MIB      (2UL << 20)
#define PM_PRESENT   (1UL << 63)
#define PM_FILE      (1UL << 61)
#define PM_EXCLUSIVE (1UL << 56)
#define PM_PFN       ((1UL << 55) - 1)
#define PM_KIND      (PM_PRESENT | PM_FILE | PM_EXCLUSIVE)

static int pagemap_fd;

/* The entries of the n pages from addr on, in one read. */
static void entries(const void *addr, unsigned long *e, int n)
{
	long want = n * 8L;

	CHECK_EQ(pread(pagemap_fd, e, (unsigned long)want, (long)((unsigned long)addr / PAGE * 8)),
		 want);
}

static unsigned long entry(const void *addr)
{
	unsigned long e;

	entries(addr, &e, 1);
	return e;
}

/* A present page: with a frame number when root reads it, without one otherwise. */
static void check_pfn(const char *what, unsigned long e)
{
	if (geteuid() == 0)
		CHECK(e & PM_PFN, "%s: entry %#lx has no frame number", what, e);
	else
		CHECK_EQ(e & PM_PFN, 0);
}

static void anonymous_across_tables(void)
{
	char *map = mmap(NULL, 2 * TWO_MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *boundary = (char *)(((unsigned long)map + TWO_MIB + 2 * PAGE) & ~(TWO_MIB - 1));
	unsigned long e[4];

	CHECK(map != MAP_FAILED, "mmap: %s", strerror(errno));
	/* Only the two pages around the boundary are writable: a VMA of their own, so the
	 * untouched neighbours stay untouched whatever a fault in those two does. */
	CHECK_EQ(mprotect(boundary - PAGE, 2 * PAGE, PROT_READ | PROT_WRITE), 0);
	boundary[-(long)PAGE] = 1; /* the last page of one leaf table */
	boundary[0] = 2;           /* the first of the next */
	entries(boundary - 2 * PAGE, e, 4);
	CHECK_EQ(e[0], 0);
	CHECK_EQ(e[1] & PM_KIND, PM_PRESENT | PM_EXCLUSIVE);
	CHECK_EQ(e[2] & PM_KIND, PM_PRESENT | PM_EXCLUSIVE);
	CHECK_EQ(e[3], 0);
	check_pfn("written page", e[1]);
	check_pfn("written page", e[2]);
	if (geteuid() == 0)
		CHECK((e[1] & PM_PFN) != (e[2] & PM_PFN), "two pages, one frame %#lx",
		      e[1] & PM_PFN);
	printf("anonymous: written pages present and exclusive, untouched ones 0\n");

	CHECK_EQ(munmap(boundary - PAGE, 2 * PAGE), 0);
	entries(boundary - 2 * PAGE, e, 4);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(e[i], 0);
	printf("anonymous: unmapped pages 0\n");
	CHECK_EQ(munmap(map, 2 * TWO_MIB), 0);
}

static void zero_page(void)
{
	volatile char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long e;

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(entry((const void *)p), 0);
	CHECK_EQ(p[100], 0);
	e = entry((const void *)p);
	CHECK_EQ(e & (PM_PRESENT | PM_FILE), PM_PRESENT);
	check_pfn("zero page", e);
	printf("a page only read: present, anonymous\n");
	CHECK_EQ(munmap((void *)p, PAGE), 0);
}

static void file_page(void)
{
	int fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	volatile char *p;
	unsigned long e;

	CHECK(fd >= 0, "open: %s", strerror(errno));
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(p[0] != 0, "the file's first byte is 0");
	e = entry((const void *)p);
	CHECK_EQ(e & (PM_PRESENT | PM_FILE), PM_PRESENT | PM_FILE);
	check_pfn("file page", e);
	printf("a file page read: present, file\n");
	CHECK_EQ(munmap((void *)p, PAGE), 0);
	CHECK_EQ(close(fd), 0);
}

/* Three written pages, the middle one unmapped: a hole between two mappings. */
static void hole_between_mappings(void)
{
	char *map = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	unsigned long e[3];

	CHECK(map != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(map, 7, 3 * PAGE);
	CHECK_EQ(munmap(map + PAGE, PAGE), 0);
	entries(map, e, 3);
	CHECK_EQ(e[0] & PM_PRESENT, PM_PRESENT);
	CHECK_EQ(e[1], 0);
	CHECK_EQ(e[2] & PM_PRESENT, PM_PRESENT);
	printf("a hole between two mappings: 0, its neighbours present\n");
	CHECK_EQ(munmap(map, 3 * PAGE), 0);
}

int main(void)
{
	if (under_qemu_user()) {
		note("qemu-user: pagemap is the emulator's; checks skipped");
		printf("anonymous: written pages present and exclusive, untouched ones 0\n"
		       "anonymous: unmapped pages 0\n"
		       "a page only read: present, anonymous\n"
		       "a file page read: present, file\n"
		       "a hole between two mappings: 0, its neighbours present\n");
		return 0;
	}
	pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
	CHECK(pagemap_fd >= 0, "open /proc/self/pagemap: %s", strerror(errno));
	anonymous_across_tables();
	zero_page();
	file_page();
	hole_between_mappings();
	CHECK_EQ(close(pagemap_fd), 0);
	return 0;
}
