/* EXPECT: exit 0 */
/*
 * madvise(MADV_WILLNEED) on a file mapping reads the pages into the page cache ahead of
 * use: the page is resident at once (mincore), and the first touch of it is then a
 * minor fault, not a major one (ru_majflt does not move). The page used is the last
 * page of this program's own file (its symbol table, which exec never maps, so nothing
 * has read it yet).
 *
 * On Linux the file may well be cached already (it was just built), and the read-ahead
 * of a cold page may still be under way when mincore() asks: the checks are exact
 * under Faultline and, on Linux, made only when the page was found cached.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096UL

static long majflt(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_majflt;
}

int main(void)
{
	static unsigned char vec[1024];
	int fd = open(rootpath(program_invocation_name), O_RDONLY);
	unsigned long nr_pages, last;
	volatile unsigned char *file;
	long before, after;
	bool exact;
	struct stat st;

	CHECK(fd >= 0, "open %s: %s", program_invocation_name, strerror(errno));
	CHECK_EQ(fstat(fd, &st), 0);
	nr_pages = ((unsigned long)st.st_size + PAGE - 1) / PAGE;
	CHECK(nr_pages >= 2 && nr_pages <= sizeof(vec), "%lu pages", nr_pages);
	last = nr_pages - 1;
	file = mmap(NULL, nr_pages * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(file != MAP_FAILED, "mmap of our own file: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(mincore((void *)file, nr_pages * PAGE, vec), 0);
	note("the last page is %sin the page cache before the advice", vec[last] & 1 ? "" : "not ");
	CHECK(!(vec[last] & 1) || !on_faultline(), "the last page is cached already: who read it?");

	CHECK_EQ(madvise((void *)(file + last * PAGE), PAGE, MADV_WILLNEED), 0);
	CHECK_EQ(mincore((void *)file, nr_pages * PAGE, vec), 0);
	exact = on_faultline() || (vec[last] & 1);
	note("after MADV_WILLNEED it is %sin the page cache", vec[last] & 1 ? "" : "not ");
	if (exact)
		CHECK_EQ(vec[last] & 1, 1);

	before = majflt();
	CHECK_EQ(file[last * PAGE], file[last * PAGE]);
	after = majflt();
	note("the first touch: ru_majflt +%ld", after - before);
	if (exact)
		CHECK_EQ(after - before, 0);
	printf("MADV_WILLNEED read the page ahead: resident, and its first touch a minor fault\n");
	CHECK_EQ(munmap((void *)file, nr_pages * PAGE), 0);
	return 0;
}
