/* EXPECT: exit 0 */
/* LAB: pagetables 30 */
/*
 * /proc/self/smaps adds up, for each mapping, what its page-table entries map: a walk
 * of the tables under the mapping. For mappings this test makes itself:
 *
 *   - two pages on either side of a 2 MiB boundary (so in two different leaf tables),
 *     a mapping of their own, both written: Rss 8 kB, Anonymous 8 kB, Private_Dirty
 *     8 kB; with one of them unmapped, 4 kB each;
 *   - the rest of the 4 MiB mapping above them, and a 64 MiB mapping, never touched:
 *     Rss 0 kB;
 *   - a page of a file, mapped and read: Rss 4 kB, Anonymous 0 kB.
 *
 * Each written mapping is written all over, so the numbers are the same whether a
 * fault maps one page or a whole mapping. (Under qemu-user, smaps is the emulator's
 * own: the checks are skipped.)
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE    4096UL
#define TWO_MIB (2UL << 20)

static char smaps[256 * 1024];

/* The value in kB of field ("Rss:") in the smaps record of the mapping starting at start. */
static long smaps_kb(const void *start, const char *field)
{
	char head[32];
	int fd = open("/proc/self/smaps", O_RDONLY);
	long len = 0, n;
	char *rec, *end, *f;

	CHECK(fd >= 0, "open /proc/self/smaps: %s", strerror(errno));
	while ((n = read(fd, smaps + len, sizeof(smaps) - 1 - (unsigned long)len)) > 0)
		len += n;
	CHECK_EQ(close(fd), 0);
	smaps[len] = '\0';
	snprintf(head, sizeof(head), "\n%lx-", (unsigned long)start);
	rec = strstr(smaps, head);
	if (!rec && !strncmp(smaps, head + 1, strlen(head + 1)))
		rec = smaps - 1;
	CHECK(rec != NULL, "no smaps record for %p", start);
	end = strstr(rec + 1, "VmFlags:");
	f = strstr(rec + 1, field);
	CHECK(f && (!end || f < end), "no %s in the record of %p", field, start);
	return strtol(f + strlen(field), NULL, 10);
}

static void expect(const char *what, const void *start, const char *field, long kb)
{
	long got = smaps_kb(start, field);

	CHECK(got == kb, "%s: %s %ld kB, expected %ld kB", what, field, got, kb);
}

static void two_pages_across_tables(void)
{
	char *map = mmap(NULL, 2 * TWO_MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *pair = (char *)(((unsigned long)map + TWO_MIB + 2 * PAGE) & ~(TWO_MIB - 1)) - PAGE;

	CHECK(map != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(mprotect(pair, 2 * PAGE, PROT_READ | PROT_WRITE), 0);
	memset(pair, 1, 2 * PAGE);
	expect("two pages", pair, "Rss:", 8);
	expect("two pages", pair, "Anonymous:", 8);
	expect("two pages", pair, "Private_Dirty:", 8);
	expect("the rest above them, untouched", pair + 2 * PAGE, "Rss:", 0);
	CHECK_EQ(munmap(pair + PAGE, PAGE), 0);
	expect("one page left", pair, "Rss:", 4);
	expect("one page left", pair, "Anonymous:", 4);
	printf("two written pages in two leaf tables: 8 kB, one after munmap: 4 kB\n");
	CHECK_EQ(munmap(map, 2 * TWO_MIB), 0);
}

/* A big mapping nobody touched: no table under most of it, nothing resident. */
static void untouched(void)
{
	const unsigned long len = 64UL << 20;
	char *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(map != MAP_FAILED, "mmap: %s", strerror(errno));
	expect("64 MiB untouched", map, "Size:", (long)(len >> 10));
	expect("64 MiB untouched", map, "Rss:", 0);
	printf("64 MiB never touched: 0 kB\n");
	CHECK_EQ(munmap(map, len), 0);
}

static void file_page(void)
{
	int fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	volatile char *p;

	CHECK(fd >= 0, "open: %s", strerror(errno));
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(p[0] != 0, "the file's first byte is 0");
	expect("a file page", (const void *)p, "Rss:", 4);
	expect("a file page", (const void *)p, "Anonymous:", 0);
	printf("a file page read: 4 kB, not anonymous\n");
	CHECK_EQ(munmap((void *)p, PAGE), 0);
	CHECK_EQ(close(fd), 0);
}

int main(void)
{
	if (under_qemu_user()) {
		note("qemu-user: smaps is the emulator's; checks skipped");
		printf("two written pages in two leaf tables: 8 kB, one after munmap: 4 kB\n"
		       "64 MiB never touched: 0 kB\n"
		       "a file page read: 4 kB, not anonymous\n");
		return 0;
	}
	two_pages_across_tables();
	untouched();
	file_page();
	return 0;
}
