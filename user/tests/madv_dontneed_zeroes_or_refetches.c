/* EXPECT: exit 0 */
/*
 * madvise(MADV_DONTNEED) drops a range's pages: the mapping stays, and the next touch
 * faults a page in again, as if for the first time.
 *
 *   - Anonymous memory: the dropped pages read as zero and are no longer resident
 *     (mincore), the pages around them keep their bytes; touching them again is a new
 *     fault each (ru_minflt rises).
 *   - A private file mapping that was written: the dropped page shows the file again.
 *   - After fork, a child dropping its pages leaves the parent's alone.
 *   - A range with a hole in it: ENOMEM (what could be dropped is). qemu-user returns 0
 *     (not ENOMEM), so the line is a diagnostic, not checked there.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 4

static const char sentence[] = "Faultline reads this sentence from its initrd, byte for byte.\n";

static unsigned char *anon;

static long minflt(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

/* Fail unless page i of anon is filled with fill. */
static void check_filled(int i, unsigned char fill)
{
	for (unsigned long b = 0; b < PAGE; b++)
		CHECK(anon[i * PAGE + b] == fill, "page %d byte %lu is %#x, expected %#x", i, b,
		      anon[i * PAGE + b], fill);
}

static void check_anonymous(void)
{
	unsigned char vec[NR_PAGES];
	long before, after;

	for (int i = 0; i < NR_PAGES; i++)
		memset(anon + i * PAGE, 0x10 + i, PAGE);
	CHECK_EQ(madvise(anon + PAGE, 2 * PAGE, MADV_DONTNEED), 0);
	CHECK_EQ(mincore(anon, NR_PAGES * PAGE, vec), 0);
	printf("anonymous, pages 1-2 dropped: resident %d%d%d%d\n", vec[0] & 1, vec[1] & 1,
	       vec[2] & 1, vec[3] & 1);
	CHECK(vec[0] & 1 && !(vec[1] & 1) && !(vec[2] & 1) && vec[3] & 1, "mincore");

	before = minflt();
	check_filled(1, 0);
	check_filled(2, 0);
	after = minflt();
	check_filled(0, 0x10);
	check_filled(3, 0x13);
	printf("read again: pages 1-2 zero, pages 0 and 3 kept; ru_minflt rose by at least 2: "
	       "%s\n", after - before >= 2 ? "yes" : "no");
	CHECK(after - before >= 2, "ru_minflt rose by %ld", after - before);
}

static void check_file(void)
{
	int fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	char *p;

	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	memcpy(p, "CHANGED", 7);
	p[100] = 'x';
	CHECK(!memcmp(p, "CHANGED", 7), "the write did not stick");
	CHECK_EQ(madvise(p, PAGE, MADV_DONTNEED), 0);
	printf("private file mapping written, dropped: \"%.9s...\", byte 100 is %d\n", p, p[100]);
	CHECK(!memcmp(p, sentence, sizeof(sentence) - 1), "after MADV_DONTNEED: \"%.62s\"", p);
	CHECK_EQ(p[100], 0);
	CHECK_EQ(munmap(p, PAGE), 0);
}

static int child_drops(void *arg)
{
	(void)arg;
	if (madvise(anon, NR_PAGES * PAGE, MADV_DONTNEED))
		return 1;
	for (unsigned long b = 0; b < NR_PAGES * PAGE; b++)
		if (anon[b])
			return 2;
	return 0;
}

static void check_fork_and_hole(void)
{
	int status, r;

	for (int i = 0; i < NR_PAGES; i++)
		memset(anon + i * PAGE, 0x20 + i, PAGE);
	status = run_in_child(child_drops, NULL);
	printf("a child drops all pages: %s; the parent's are kept\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %s", status_str(status));
	for (int i = 0; i < NR_PAGES; i++)
		check_filled(i, (unsigned char)(0x20 + i));

	CHECK_EQ(munmap(anon + 2 * PAGE, PAGE), 0);
	r = madvise(anon, NR_PAGES * PAGE, MADV_DONTNEED);
	if (r == 0 && under_qemu_user()) {
		note("qemu-user: madvise(MADV_DONTNEED) over a hole returns 0, not ENOMEM");
		return;
	}
	note("a range with a hole: %d, errno %s", r, r ? strerror(errno) : "-");
	CHECK(r == -1 && errno == ENOMEM, "madvise over a hole: %d errno %d", r, errno);
	check_filled(0, 0);
	check_filled(3, 0);
}

int main(void)
{
	anon = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(anon != MAP_FAILED, "mmap: %s", strerror(errno));
	check_anonymous();
	check_file();
	check_fork_and_hole();
	CHECK_EQ(munmap(anon, NR_PAGES * PAGE), 0);
	return 0;
}
