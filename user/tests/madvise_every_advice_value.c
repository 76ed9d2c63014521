/* EXPECT: exit 0 */
/*
 * madvise() accepts exactly the advice values Linux accepts and refuses every other
 * with EINVAL: each value from -1 to 300 (and a few far ones) is given to a fresh
 * private anonymous mapping, and the answer compared with a table of Linux's (a kernel
 * with KSM and transparent huge pages, as Debian's; on such a kernel MADV_COLLAPSE of
 * a mapping too small for a huge page is EINVAL, as it is without them). Left out:
 * MADV_HWPOISON and MADV_SOFT_OFFLINE (they would break real frames of the machine
 * running the test, see madv_hwpoison_*), MADV_POPULATE_READ/WRITE (GUP's: the
 * populate tests), and Linux 6.13's guard regions (102, 103).
 *
 * Then the rules that depend on the mapping or on the range, as Linux:
 *   - MADV_FREE and MADV_WIPEONFORK are for private anonymous memory only (a private
 *     file mapping: EINVAL); MADV_REMOVE of a private file mapping is EACCES;
 *     MADV_KEEPONFORK, MADV_COLD, MADV_PAGEOUT and MADV_DONTFORK are fine there;
 *   - a start that is not page-aligned, or a length that wraps, is EINVAL; a length of
 *     0 is 0, but only for valid advice;
 *   - a range past the end of what is mapped is ENOMEM.
 * qemu-user answers 0 to nearly every call (it ignores the advice): there the answers
 * are noted, not checked.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE 4096UL

/* What Linux answers for advice on a private anonymous mapping: 0 or an errno. */
static int linux_answer(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_DONTFORK: case MADV_DOFORK:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
	case MADV_COLD: case MADV_PAGEOUT: case MADV_DONTNEED_LOCKED:
		return 0;
	case MADV_REMOVE:
		return EINVAL; /* valid advice, but there is no file to punch a hole in */
	default:
		return EINVAL;
	}
}

/* Advice this test does not give (see above). */
static bool left_out(int advice)
{
	return advice == MADV_HWPOISON || advice == MADV_SOFT_OFFLINE ||
	       advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE ||
	       advice == MADV_GUARD_INSTALL || advice == MADV_GUARD_REMOVE;
}

static int nr_qemu_differences;

/* Fail unless r (a madvise() result) is Linux's answer want (0 or an errno). */
static void expect(const char *what, int advice, int r, int want)
{
	int got = r ? errno : 0;

	if (got == want)
		return;
	if (under_qemu_user()) {
		nr_qemu_differences++;
		return;
	}
	CHECK(got == want, "%s, advice %d: %s, Linux says %s", what, advice,
	      got ? strerror(got) : "0", want ? strerror(want) : "0");
}

static void check_every_value(void)
{
	static const int far[] = { 1000, 4096, 65536, 0x7fffffff, -2, -100, (int)0x80000000 };
	int nr_valid = 0;

	for (int advice = -1; advice <= 300; advice++) {
		unsigned char *p;

		if (left_out(advice))
			continue;
		p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
		memset(p, 1, 4 * PAGE);
		expect("anonymous", advice, madvise(p, 4 * PAGE, advice), linux_answer(advice));
		if (!linux_answer(advice))
			nr_valid++;
		CHECK_EQ(munmap(p, 4 * PAGE), 0);
	}
	for (unsigned int i = 0; i < sizeof(far) / sizeof(far[0]); i++) {
		unsigned char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
		expect("anonymous", far[i], madvise(p, PAGE, far[i]), EINVAL);
		CHECK_EQ(munmap(p, PAGE), 0);
	}
	printf("advice -1 to 300: %d values accepted, every other EINVAL\n", nr_valid);
}

static void check_file_mapping(void)
{
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	unsigned char *f;

	CHECK(fd >= 0, "open: %s", strerror(errno));
	f = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	expect("file", MADV_FREE, madvise(f, PAGE, MADV_FREE), EINVAL);
	expect("file", MADV_WIPEONFORK, madvise(f, PAGE, MADV_WIPEONFORK), EINVAL);
	expect("file", MADV_REMOVE, madvise(f, PAGE, MADV_REMOVE), EACCES);
	expect("file", MADV_KEEPONFORK, madvise(f, PAGE, MADV_KEEPONFORK), 0);
	expect("file", MADV_COLD, madvise(f, PAGE, MADV_COLD), 0);
	expect("file", MADV_PAGEOUT, madvise(f, PAGE, MADV_PAGEOUT), 0);
	expect("file", MADV_DONTFORK, madvise(f, 2 * PAGE, MADV_DONTFORK), 0);
	expect("file", MADV_WILLNEED, madvise(f, 2 * PAGE, MADV_WILLNEED), 0);
	expect("file", MADV_SEQUENTIAL, madvise(f + PAGE, PAGE, MADV_SEQUENTIAL), 0);
	CHECK_EQ(munmap(f, 2 * PAGE), 0);
	printf("private file mapping: FREE and WIPEONFORK EINVAL, REMOVE EACCES, the rest 0\n");
}

static void check_ranges(void)
{
	unsigned char *p = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	expect("PROT_NONE", MADV_WILLNEED, madvise(p, 2 * PAGE, MADV_WILLNEED), 0);
	expect("PROT_NONE", MADV_FREE, madvise(p, 2 * PAGE, MADV_FREE), 0);
	expect("unaligned start", MADV_NORMAL, madvise(p + 1, PAGE, MADV_NORMAL), EINVAL);
	expect("length 0", MADV_NORMAL, madvise(p, 0, MADV_NORMAL), 0);
	expect("length 0, bad advice", 999, madvise(p, 0, 999), EINVAL);
	expect("length -PAGE", MADV_NORMAL, madvise(p, -PAGE, MADV_NORMAL), EINVAL);
	expect("length -1", MADV_NORMAL, madvise(p, -1UL, MADV_NORMAL), EINVAL);
	expect("last page of the address space", MADV_NORMAL,
	       madvise((void *)-PAGE, PAGE, MADV_NORMAL), EINVAL);
	expect("past user space", MADV_NORMAL, madvise(p, 1UL << 62, MADV_NORMAL), ENOMEM);
	CHECK_EQ(munmap(p + PAGE, PAGE), 0);
	expect("over a hole", MADV_DONTDUMP, madvise(p, 2 * PAGE, MADV_DONTDUMP), ENOMEM);
	CHECK_EQ(munmap(p, PAGE), 0);
	printf("bad ranges: EINVAL for bad starts and lengths, ENOMEM where nothing is mapped\n");
}

int main(void)
{
	check_every_value();
	check_file_mapping();
	check_ranges();
	if (nr_qemu_differences)
		note("qemu-user answered %d calls unlike Linux (it ignores advice): not checked",
		     nr_qemu_differences);
	return 0;
}
