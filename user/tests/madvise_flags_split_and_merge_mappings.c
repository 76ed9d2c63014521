/* EXPECT: exit 0 */
/*
 * Advice that changes how a mapping is treated applies to exactly the range advised, as
 * mprotect() does: /proc/self/maps shows a mapping of four pages cut in three when its
 * middle page is advised, still three when the page next to it is advised the same (the
 * two merge), and one again when the advice is taken back from both. Checked for each
 * pair: MADV_DONTFORK/DOFORK, WIPEONFORK/KEEPONFORK, DONTDUMP/DODUMP, RANDOM/NORMAL,
 * SEQUENTIAL/NORMAL, HUGEPAGE (undone by a fresh mapping), MERGEABLE/UNMERGEABLE.
 * Advice that changes nothing about the mapping (WILLNEED, COLD) cuts nothing.
 * qemu-user ignores advice: there the counts are noted, not checked.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE 4096UL

static char maps[65536];
static unsigned char *area;

static unsigned long parse_hex(const char *s, const char **end)
{
	unsigned long v = 0;

	for (;; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;

		if (d < 0)
			break;
		v = v * 16 + (unsigned long)d;
	}
	*end = s;
	return v;
}

/* How many lines of /proc/self/maps start inside area's four pages. */
static int nr_lines_in_area(void)
{
	int fd = open("/proc/self/maps", O_RDONLY), n = 0;
	long len = 0, r;

	CHECK(fd >= 0, "open /proc/self/maps: %s", strerror(errno));
	while ((r = read(fd, maps + len, sizeof(maps) - 1 - (unsigned long)len)) > 0)
		len += r;
	CHECK(r == 0, "read: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	maps[len] = 0;
	for (const char *line = maps; *line;) {
		const char *end;
		unsigned long start = parse_hex(line, &end);

		if (start >= (unsigned long)area && start < (unsigned long)area + 4 * PAGE)
			n++;
		line = strchr(line, '\n');
		if (!line)
			break;
		line++;
	}
	return n;
}

static int nr_qemu_differences;

static void expect_lines(const char *what, int want)
{
	int got = nr_lines_in_area();

	if (got != want && under_qemu_user()) {
		nr_qemu_differences++;
		return;
	}
	CHECK(got == want, "%s: %d mappings, expected %d", what, got, want);
}

/* advise, then undo: 1 mapping -> 3 -> 3 (merged) -> 1 */
static void check_pair(const char *name, int advice, int undo)
{
	CHECK_EQ(madvise(area + PAGE, PAGE, advice), 0);
	expect_lines(name, 3);
	CHECK_EQ(madvise(area + 2 * PAGE, PAGE, advice), 0);
	expect_lines(name, 3);
	CHECK_EQ(madvise(area + PAGE, 2 * PAGE, undo), 0);
	expect_lines(name, 1);
	printf("%s: the advised pages cut out, merged, and back as one mapping\n", name);
}

int main(void)
{
	area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(area, 7, 4 * PAGE);
	expect_lines("fresh", 1);

	check_pair("MADV_DONTFORK", MADV_DONTFORK, MADV_DOFORK);
	check_pair("MADV_WIPEONFORK", MADV_WIPEONFORK, MADV_KEEPONFORK);
	check_pair("MADV_DONTDUMP", MADV_DONTDUMP, MADV_DODUMP);
	check_pair("MADV_RANDOM", MADV_RANDOM, MADV_NORMAL);
	check_pair("MADV_SEQUENTIAL", MADV_SEQUENTIAL, MADV_NORMAL);
	check_pair("MADV_MERGEABLE", MADV_MERGEABLE, MADV_UNMERGEABLE);

	CHECK_EQ(madvise(area + PAGE, PAGE, MADV_HUGEPAGE), 0);
	expect_lines("MADV_HUGEPAGE", 3);
	CHECK_EQ(madvise(area + PAGE, PAGE, MADV_NOHUGEPAGE), 0);
	expect_lines("MADV_NOHUGEPAGE after MADV_HUGEPAGE", 3);
	printf("MADV_HUGEPAGE, then MADV_NOHUGEPAGE: the page stays cut out\n");

	CHECK_EQ(munmap(area, 4 * PAGE), 0);
	area = mmap(area, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(madvise(area + PAGE, PAGE, MADV_WILLNEED), 0);
	CHECK_EQ(madvise(area + PAGE, PAGE, MADV_COLD), 0);
	expect_lines("MADV_WILLNEED, MADV_COLD", 1);
	printf("MADV_WILLNEED and MADV_COLD: no cut\n");
	for (unsigned long i = 0; i < 4 * PAGE; i += 512)
		CHECK_EQ(area[i], 0);
	CHECK_EQ(munmap(area, 4 * PAGE), 0);
	if (nr_qemu_differences)
		note("qemu-user: %d mapping counts differ (it ignores advice): not checked",
		     nr_qemu_differences);
	return 0;
}
