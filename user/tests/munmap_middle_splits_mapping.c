/* EXPECT: exit 0 */
/*
 * munmap() of the middle of a mapping splits it in two: both ends stay mapped with
 * their bytes and can be read and written, the middle faults (SIGSEGV SEGV_MAPERR,
 * si_addr the byte touched) and mincore() calls it unmapped (ENOMEM), and mprotect()
 * over the whole range fails (ENOMEM: part of it is not mapped). For a file mapping
 * the upper part still maps the file at the right offsets. Each part can then be
 * unmapped on its own.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 5

/* Read (or write) the byte at addr. Returns the signal that stopped it, or 0. */
static int try_access(volatile unsigned char *addr, bool write)
{
	return write ? probe_write(addr, 0xee) : probe_read(addr);
}

static void expect_maperr(unsigned char *base, unsigned long offset, bool write)
{
	int sig = try_access(base + offset, write);

	printf("%s map+%#lx: %s %s si_addr=map+%#lx\n", write ? "write" : "read", offset,
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, probe_info.si_code) : "",
	       sig ? (unsigned long)((unsigned char *)probe_info.si_addr - base) : 0);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
	CHECK(probe_info.si_addr == base + offset, "si_addr %p, expected %p", probe_info.si_addr,
	      (void *)(base + offset));
}

/* The same generator as pattern_byte() in user/data/mkdata.py. */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xffffffffUL) >> 24) ^ (i & 0xff));
}

static void check_anonymous(void)
{
	unsigned char *p = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[NR_PAGES];
	int r;

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	for (unsigned long i = 0; i < NR_PAGES; i++)
		memset(p + i * PAGE, (int)(0x40 + i), PAGE);
	CHECK_EQ(munmap(p + 2 * PAGE, PAGE), 0);

	for (unsigned long i = 0; i < NR_PAGES; i++) {
		if (i == 2)
			continue;
		for (unsigned long b = 0; b < PAGE; b++)
			CHECK(p[i * PAGE + b] == 0x40 + i, "page %lu byte %lu: %#x", i, b,
			      p[i * PAGE + b]);
		CHECK_EQ(try_access(p + i * PAGE + 9, true), 0);
		CHECK_EQ(p[i * PAGE + 9], 0xee);
	}
	printf("pages 0, 1, 3, 4: bytes kept, writable\n");
	expect_maperr(p, 2 * PAGE, false);
	expect_maperr(p, 2 * PAGE + 0x321, true);
	expect_maperr(p, 3 * PAGE - 1, false);

	r = mincore(p + 2 * PAGE, PAGE, vec);
	printf("mincore of the middle: %s\n", r ? strerror(errno) : "mapped");
	CHECK(r == -1 && errno == ENOMEM, "mincore of the middle: %d", r);
	CHECK_EQ(mincore(p, 2 * PAGE, vec), 0);
	CHECK_EQ(mincore(p + 3 * PAGE, 2 * PAGE, vec), 0);
	r = mprotect(p, NR_PAGES * PAGE, PROT_READ);
	printf("mprotect over the hole: %s\n", r ? strerror(errno) : "done");
	CHECK(r == -1 && errno == ENOMEM, "mprotect over the hole: %d", r);

	CHECK_EQ(munmap(p, 2 * PAGE), 0);
	expect_maperr(p, PAGE, false);
	CHECK_EQ(p[3 * PAGE], 0x43); /* the upper part is still there */
	CHECK_EQ(munmap(p + 3 * PAGE, 2 * PAGE), 0);
	expect_maperr(p, 4 * PAGE + 5, true);
}

static void check_file(void)
{
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	unsigned char *p;

	CHECK(fd >= 0, "open /data/pattern.bin: %s", strerror(errno));
	p = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(munmap(p + PAGE, PAGE), 0);
	for (unsigned long i = 0; i < 4 * PAGE; i++) {
		if (i / PAGE == 1)
			continue;
		CHECK(p[i] == pattern_byte(i), "file byte %lu after the split: %#x, expected %#x",
		      i, p[i], pattern_byte(i));
	}
	printf("file mapping, page 1 unmapped: pages 0, 2, 3 still the file's at their offsets\n");
	expect_maperr(p, PAGE + 4, false);
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
}

int main(void)
{
	check_anonymous();
	check_file();
	return 0;
}
