/* EXPECT: exit 0 */
/*
 * mprotect() of the middle of a mapping splits it in three, and mprotect() back joins
 * the parts again (VMA merging). Only behaviour can be seen from user space:
 *
 *   - pages 1-3 of 5 made read-only: writes there are SIGSEGV SEGV_ACCERR with si_addr
 *     the byte written, reads give the old bytes, pages 0 and 4 stay writable;
 *   - made read-write again: every page is writable and kept its bytes;
 *   - one mprotect() over the whole range then applies to all of it, and one munmap()
 *     takes all of it away;
 *   - the same on a private file mapping keeps the file's bytes at their offsets, and
 *     all of it is writable again.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 5
#define RW       (PROT_READ | PROT_WRITE)

/* Read (or write value to) the byte at addr. Returns the signal that stopped it, or 0. */
static int try_access(volatile unsigned char *addr, bool write, unsigned char value)
{
	return write ? probe_write(addr, value) : probe_read(addr);
}

/* Write value to each of the first nr_pages pages of p at offset off: which were
 * writable, as a string of 1 (yes) and 0 (SIGSEGV SEGV_ACCERR at that byte). */
static const char *writable_pages(unsigned char *p, unsigned long nr_pages, unsigned long off,
				  unsigned char value)
{
	static char map[NR_PAGES + 1];

	for (unsigned long i = 0; i < nr_pages; i++) {
		int sig = try_access(p + i * PAGE + off, true, value);

		map[i] = sig ? '0' : '1';
		if (sig) {
			CHECK_EQ(sig, SIGSEGV);
			CHECK_EQ(probe_info.si_code, SEGV_ACCERR);
			CHECK(probe_info.si_addr == p + i * PAGE + off, "si_addr %p, expected %p",
			      probe_info.si_addr, (void *)(p + i * PAGE + off));
		}
	}
	map[nr_pages] = '\0';
	return map;
}

static void check_anonymous(void)
{
	unsigned char *p = mmap(NULL, NR_PAGES * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const char *w;

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	for (unsigned long i = 0; i < NR_PAGES; i++)
		memset(p + i * PAGE, (int)(0x60 + i), PAGE);

	CHECK_EQ(mprotect(p + PAGE, 3 * PAGE, PROT_READ), 0);
	w = writable_pages(p, NR_PAGES, 0x123, 0x01);
	printf("pages 1-3 read-only: writable pages %s\n", w);
	CHECK(!strcmp(w, "10001"), "writable pages %s", w);
	for (unsigned long i = 1; i < 4; i++)
		CHECK_EQ(p[i * PAGE + 0x123], 0x60 + i);

	CHECK_EQ(mprotect(p + PAGE, 3 * PAGE, RW), 0);
	w = writable_pages(p, NR_PAGES, 0x456, 0x02);
	printf("read-write again: writable pages %s\n", w);
	CHECK(!strcmp(w, "11111"), "writable pages %s", w);
	for (unsigned long i = 0; i < NR_PAGES; i++) {
		CHECK_EQ(p[i * PAGE], 0x60 + i);
		CHECK_EQ(p[i * PAGE + 0x123], i == 0 || i == 4 ? 0x01 : 0x60 + i);
		CHECK_EQ(p[i * PAGE + 0x456], 0x02);
	}

	CHECK_EQ(mprotect(p, NR_PAGES * PAGE, PROT_READ), 0);
	w = writable_pages(p, NR_PAGES, 0x789, 0x03);
	printf("one mprotect(PROT_READ) over all: writable pages %s\n", w);
	CHECK(!strcmp(w, "00000"), "writable pages %s", w);
	CHECK_EQ(munmap(p, NR_PAGES * PAGE), 0);
	for (unsigned long i = 0; i < NR_PAGES; i++) {
		CHECK_EQ(try_access(p + i * PAGE, false, 0), SIGSEGV);
		CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
	}
	printf("one munmap() over all: every page gone\n");
}

/* The same generator as pattern_byte() in user/data/mkdata.py. */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xffffffffUL) >> 24) ^ (i & 0xff));
}

static void check_file(void)
{
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	unsigned char *p;
	const char *w;

	CHECK(fd >= 0, "open /data/pattern.bin: %s", strerror(errno));
	p = mmap(NULL, 4 * PAGE, RW, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(mprotect(p + PAGE, 2 * PAGE, PROT_READ), 0);
	CHECK_EQ(mprotect(p + PAGE, 2 * PAGE, RW), 0);
	for (unsigned long i = 0; i < 4 * PAGE; i++)
		CHECK(p[i] == pattern_byte(i), "file byte %lu: %#x, expected %#x", i, p[i],
		      pattern_byte(i));
	w = writable_pages(p, 4, 0x10, 0x04);
	printf("file mapping, middle read-only and back: the file's bytes, writable pages %s\n", w);
	CHECK(!strcmp(w, "1111"), "writable pages %s", w);
	for (unsigned long i = 0; i < 4; i++)
		CHECK_EQ(p[i * PAGE + 0x10], 0x04);
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
}

int main(void)
{
	check_anonymous();
	check_file();
	return 0;
}
