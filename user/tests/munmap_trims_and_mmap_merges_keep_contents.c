/* EXPECT: exit 0 */
/*
 * munmap() that takes the head or the tail of a mapping, or the ends of several at once,
 * and mmap() of a range that continues a neighbour, keep every byte where it was: the
 * pages left of a file mapping still show the file at their own offsets (populated or
 * not yet faulted in), anonymous pages keep what was written, a range that continues a
 * file mapping at the matching offset reads that offset, one at another offset reads its
 * own, and the pages taken away fault with SIGSEGV.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

/* The same generator as pattern_byte() in user/data/mkdata.py. */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xffffffffUL) >> 24) ^ (i & 0xff));
}

/* The page at p shows pattern.bin from file offset off (sampled: its first, middle, last bytes). */
static void check_file_page(const char *p, unsigned long off, const char *what)
{
	static const unsigned long at[] = { 0, 1, 2047, 2048, 4094, 4095 };

	for (unsigned long i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		CHECK((unsigned char)p[at[i]] == pattern_byte(off + at[i]),
		      "%s: byte %lu is %#x, the file's byte %lu is %#x", what, at[i],
		      (unsigned char)p[at[i]], off + at[i], pattern_byte(off + at[i]));
}

/* The page at p is no longer mapped. */
static void check_gone(const char *p)
{
	CHECK_EQ(probe_read(p), SIGSEGV);
}

static void file_mapping(int fd, int populate)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);

	CHECK(p != MAP_FAILED, "mmap of pattern.bin: %s", strerror(errno));
	if (populate)
		for (unsigned long i = 0; i < 4; i++)
			(void)*(volatile char *)(p + i * PAGE);
	CHECK_EQ(munmap(p, PAGE), 0); /* the head */
	check_gone(p);
	check_file_page(p + PAGE, PAGE, "after the head went, page 1");
	CHECK_EQ(munmap(p + 3 * PAGE, PAGE), 0); /* the tail */
	check_gone(p + 3 * PAGE);
	check_file_page(p + 2 * PAGE, 2 * PAGE, "after the tail went, page 2");
	check_file_page(p + PAGE, PAGE, "after the tail went, page 1");

	/* The head again, at the offset that continues page 1: one mapping again. */
	CHECK(mmap(p, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == p, "remap head: %s",
	      strerror(errno));
	check_file_page(p, 0, "remapped head");
	check_file_page(p + PAGE, PAGE, "page 1 after the head came back");
	/* The tail at another offset (0): it must read offset 0, not continue page 2. */
	CHECK(mmap(p + 3 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == p + 3 * PAGE,
	      "remap tail: %s", strerror(errno));
	check_file_page(p + 3 * PAGE, 0, "tail mapped at offset 0");
	check_file_page(p + 2 * PAGE, 2 * PAGE, "page 2 next to it");
	/* And at the offset that continues page 2. */
	CHECK(mmap(p + 3 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 3 * PAGE) ==
	      p + 3 * PAGE, "remap tail in step: %s", strerror(errno));
	check_file_page(p + 3 * PAGE, 3 * PAGE, "tail mapped in step");
	for (unsigned long i = 0; i < 4; i++)
		check_file_page(p + i * PAGE, i * PAGE, "the whole mapping at the end");
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
}

static void anonymous_mappings(void)
{
	char *p = mmap(NULL, 6 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	for (unsigned long i = 0; i < 6; i++)
		memset(p + i * PAGE, 'a' + (int)i, PAGE);
	/* Three VMAs: [0,2) rw, [2,4) r, [4,6) rw. */
	CHECK_EQ(mprotect(p + 2 * PAGE, 2 * PAGE, PROT_READ), 0);
	/* One munmap across all three: the tail of the first, the whole second, the head of
	 * the third. */
	CHECK_EQ(munmap(p + PAGE, 4 * PAGE), 0);
	for (unsigned long i = 1; i < 5; i++)
		check_gone(p + i * PAGE);
	CHECK(p[0] == 'a' && p[PAGE - 1] == 'a', "page 0 lost its bytes: %c", p[0]);
	CHECK(p[5 * PAGE] == 'f' && p[6 * PAGE - 1] == 'f', "page 5 lost its bytes: %c", p[5 * PAGE]);
	/* Fill the hole from both ends: each new page continues a neighbour. */
	CHECK(mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		   -1, 0) == p + PAGE, "mmap after page 0: %s", strerror(errno));
	CHECK(mmap(p + 4 * PAGE, PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == p + 4 * PAGE,
	      "mmap before page 5: %s", strerror(errno));
	CHECK(mmap(p + 2 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == p + 2 * PAGE,
	      "mmap closing the hole: %s", strerror(errno));
	for (unsigned long i = 1; i < 5; i++)
		CHECK(p[i * PAGE] == 0 && p[i * PAGE + PAGE - 1] == 0, "new page %lu is not zero", i);
	CHECK(p[0] == 'a' && p[5 * PAGE] == 'f', "the old pages changed: %c %c", p[0], p[5 * PAGE]);
	for (unsigned long i = 0; i < 6; i++)
		p[i * PAGE] = 'z'; /* all writable again */
	CHECK_EQ(munmap(p, 6 * PAGE), 0);
}

int main(void)
{
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);

	CHECK(fd >= 0, "open /data/pattern.bin: %s", strerror(errno));
	file_mapping(fd, 0);
	file_mapping(fd, 1);
	CHECK_EQ(close(fd), 0);
	anonymous_mappings();
	return 0;
}
