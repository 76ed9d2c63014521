/* EXPECT: exit 0 */
/*
 * A private file mapping moved or grown by mremap() keeps mapping the file at the right
 * offsets (the file offset travels with each part of the mapping):
 *
 *   - The upper pages of a mapping moved elsewhere (MREMAP_FIXED) show the file's bytes
 *     at their old offsets, both the pages already read and the pages first touched
 *     after the move; a page written before the move (a private copy) keeps the write.
 *   - A mapping grown (in place, or by a move) shows the next pages of the file.
 *   - The lower pages left behind still map the start of the file.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE 4096UL

/* The same generator as pattern_byte() in user/data/mkdata.py (pattern.bin). */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xffffffffUL) >> 24) ^ (i & 0xff));
}

/* Fail unless [p, p+len) holds pattern.bin's bytes from offset off. */
static void check_file_bytes(const unsigned char *p, unsigned long len, unsigned long off)
{
	for (unsigned long i = 0; i < len; i++)
		CHECK(p[i] == pattern_byte(off + i), "file offset %lu: %#x, expected %#x", off + i,
		      p[i], pattern_byte(off + i));
}

int main(void)
{
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	unsigned char *p, *to, *r;

	CHECK(fd >= 0, "open /data/pattern.bin: %s", strerror(errno));
	/* File pages 1..4 (pattern.bin is 20000 bytes: page 4 is partly the file). */
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PAGE);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	check_file_bytes(p, PAGE, PAGE);           /* file page 1 read before the move */
	p[2 * PAGE + 7] = 0xfe;                    /* file page 3: a private copy */

	to = mmap(NULL, 8 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(to != MAP_FAILED, "mmap: %s", strerror(errno));
	r = mremap(p + 2 * PAGE, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, to + 4 * PAGE);
	CHECK(r == to + 4 * PAGE, "mremap: %p (%s)", (void *)r, strerror(errno));
	CHECK_EQ(r[7], 0xfe);
	check_file_bytes(r + 8, PAGE - 8, 3 * PAGE + 8);
	check_file_bytes(r, 7, 3 * PAGE);
	check_file_bytes(r + PAGE, 20000 - 4 * PAGE, 4 * PAGE);
	check_file_bytes(p, 2 * PAGE, PAGE);
	printf("upper half moved: file pages 3 and 4 there (the written byte kept), "
	       "pages 1 and 2 where they were\n");

	/* Grow the moved part in place: the rest of the 8-page PROT_NONE area is gone first. */
	CHECK_EQ(munmap(to, 4 * PAGE), 0);
	CHECK_EQ(munmap(to + 6 * PAGE, 2 * PAGE), 0);
	r = mremap(r, 2 * PAGE, 3 * PAGE, 0);
	CHECK(r == to + 4 * PAGE, "grow in place: %p (%s)", (void *)r, strerror(errno));
	check_file_bytes(r + PAGE, 20000 - 4 * PAGE, 4 * PAGE);
	printf("grown in place: the file goes on where it did\n");
	CHECK_EQ(munmap(r, 3 * PAGE), 0);

	/* Grow the lower part by a move (a page right after it is in the way): it must
	 * show file pages 1, 2, 3. */
	to = mmap(p + 2 * PAGE, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(to == p + 2 * PAGE, "blocker: %s", strerror(errno));
	r = mremap(p, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE);
	CHECK(r != MAP_FAILED, "grow by a move: %s", strerror(errno));
	check_file_bytes(r, 3 * PAGE, PAGE);
	printf("grown by a move: file pages 1 to 3\n");
	CHECK(r != p, "grown in place over the blocker");
	CHECK_EQ(munmap(r, 3 * PAGE), 0);
	CHECK_EQ(munmap(to, PAGE), 0);
	return 0;
}
