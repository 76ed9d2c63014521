/* EXPECT: exit 0 */
/*
 * A private mapping of a file reads the file, and writes to it stay in the mapping
 * (MAP_PRIVATE: the writer gets a copy of the page, the file and the page cache keep
 * their bytes). /data/pattern.bin (20000 bytes, 5 pages) is mapped twice, one mapping
 * writable:
 *
 *   - both hold the file's bytes, and zeros from the end of the file to the end of the
 *     last page;
 *   - after writes to pages 1 and 4 of the writable mapping (page 4 also past the end
 *     of the file), that mapping holds them and the rest of the file; the other
 *     mapping, read() of the file, and a third mapping made after the writes all still
 *     see the file as it was;
 *   - a forked child sees the parent's private writes, and its own writes (to page 2)
 *     are not seen by the parent.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE      4096UL
#define FILE_SIZE 20000UL
#define NR_PAGES  5
#define MAP_LEN   (NR_PAGES * PAGE)

/* The same generator as pattern_byte() in user/data/mkdata.py. */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xffffffffUL) >> 24) ^ (i & 0xff));
}

/* Byte i of the writable mapping after our writes. */
static unsigned char written_byte(unsigned long i)
{
	if ((i >= PAGE + 100 && i < PAGE + 200) || (i >= 4 * PAGE + 3000 && i < 4 * PAGE + 4000))
		return (unsigned char)(0x80 | (i & 0x7f));
	return i < FILE_SIZE ? pattern_byte(i) : 0;
}

/* The first byte of p[0..MAP_LEN) that is not the file's (zero past its end), or -1. */
static long first_difference(const unsigned char *p)
{
	for (unsigned long i = 0; i < MAP_LEN; i++)
		if (p[i] != (i < FILE_SIZE ? pattern_byte(i) : 0))
			return (long)i;
	return -1;
}

static unsigned char *rw, *ro;

static int child_sees_and_writes(void *arg)
{
	(void)arg;
	for (unsigned long i = 0; i < MAP_LEN; i++)
		if (rw[i] != written_byte(i))
			return 1;
	memset(rw + 2 * PAGE, 0xcc, PAGE);
	return rw[2 * PAGE + 7] == 0xcc ? 0 : 2;
}

int main(void)
{
	static unsigned char buf[FILE_SIZE + 1];
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	unsigned char *third;
	int status;

	CHECK(fd >= 0, "open /data/pattern.bin: %s", strerror(errno));
	rw = mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(rw != MAP_FAILED, "writable private mmap: %s", strerror(errno));
	ro = mmap(NULL, MAP_LEN, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(ro != MAP_FAILED, "read-only private mmap: %s", strerror(errno));
	printf("mapped twice: first byte not the file's: %ld and %ld\n", first_difference(rw),
	       first_difference(ro));
	CHECK_EQ(first_difference(rw), -1);
	CHECK_EQ(first_difference(ro), -1);

	for (unsigned long i = 0; i < MAP_LEN; i++)
		if (written_byte(i) != (i < FILE_SIZE ? pattern_byte(i) : 0))
			rw[i] = written_byte(i);
	for (unsigned long i = 0; i < MAP_LEN; i++)
		CHECK(rw[i] == written_byte(i), "writable mapping byte %lu is %#x, expected %#x", i,
		      rw[i], written_byte(i));
	printf("written to pages 1 and 4: the writable mapping has the writes\n");
	printf("the other mapping: first byte not the file's: %ld\n", first_difference(ro));
	CHECK_EQ(first_difference(ro), -1);

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), FILE_SIZE);
	for (unsigned long i = 0; i < FILE_SIZE; i++)
		CHECK(buf[i] == pattern_byte(i), "read() of the file: byte %lu is %#x", i, buf[i]);
	printf("read() of the file: unchanged\n");

	third = mmap(NULL, MAP_LEN, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(third != MAP_FAILED, "third mmap: %s", strerror(errno));
	printf("a mapping made after the writes: first byte not the file's: %ld\n",
	       first_difference(third));
	CHECK_EQ(first_difference(third), -1);

	status = run_in_child(child_sees_and_writes, NULL);
	printf("child: sees the parent's writes, writes page 2: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %s (1: it did not see the "
	      "parent's writes)", status_str(status));
	for (unsigned long i = 0; i < MAP_LEN; i++)
		CHECK(rw[i] == written_byte(i), "after the child, byte %lu is %#x, expected %#x", i,
		      rw[i], written_byte(i));
	printf("parent after the child: its own bytes\n");

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(munmap(rw, MAP_LEN), 0);
	CHECK_EQ(munmap(ro, MAP_LEN), 0);
	CHECK_EQ(munmap(third, MAP_LEN), 0);
	return 0;
}
