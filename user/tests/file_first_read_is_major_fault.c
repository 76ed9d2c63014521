/* EXPECT: exit 0 */
/*
 * A fault that has to read the file is a major fault; one that finds the page in the
 * page cache is minor. The page used is the last page of this program's own file (its
 * symbol table, which exec never maps, so nothing has read it yet), found not resident
 * by mincore() on a private mapping of the file:
 *
 *   - the first read of it raises ru_majflt by 1 (and /proc/vmstat's pgmajfault), and
 *     mincore() now shows it resident;
 *   - a second mapping of the same page reads it from the page cache: ru_majflt does
 *     not move, ru_minflt rises.
 *
 * On Linux the file may well be in the page cache already (it was just built): the
 * major fault is checked only when mincore() says the page is not resident, and always
 * under Faultline, where it must not be.
 */
#include <check.h>
#include <fcntl.h>
#include <proc_counters.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096UL

static void usage(struct rusage *ru)
{
	CHECK_EQ(getrusage(RUSAGE_SELF, ru), 0);
}

int main(void)
{
	static unsigned char vec[1024];
	struct rusage r0, r1, r2;
	long major_before, major_after;
	unsigned long nr_pages, last;
	volatile unsigned char *file, *second;
	unsigned char byte;
	struct stat st;
	int fd = open(rootpath(program_invocation_name), O_RDONLY);
	bool cold;

	CHECK(fd >= 0, "open %s: %s", program_invocation_name, strerror(errno));
	CHECK_EQ(fstat(fd, &st), 0);
	nr_pages = ((unsigned long)st.st_size + PAGE - 1) / PAGE;
	CHECK(nr_pages >= 2 && nr_pages <= sizeof(vec), "%lu pages", nr_pages);
	last = nr_pages - 1;
	file = mmap(NULL, nr_pages * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(file != MAP_FAILED, "mmap of our own file: %s", strerror(errno));

	CHECK_EQ(mincore((void *)file, nr_pages * PAGE, vec), 0);
	cold = !(vec[last] & 1);
	note("the last page of our file (%lu of %lu) is %sin the page cache", last, nr_pages,
	     cold ? "not " : "");
	CHECK(cold || !on_faultline(), "under Faultline the last page of our file is cached: "
	      "who read it?");

	major_before = vmstat_counter("pgmajfault");
	usage(&r0);
	byte = file[last * PAGE];
	usage(&r1);
	major_after = vmstat_counter("pgmajfault");
	(void)byte;
	note("first read: ru_majflt +%ld, ru_minflt +%ld, pgmajfault +%ld",
	     r1.ru_majflt - r0.ru_majflt, r1.ru_minflt - r0.ru_minflt, major_after - major_before);
	if (cold) {
		if (on_faultline())
			CHECK_EQ(r1.ru_majflt - r0.ru_majflt, 1);
		else
			CHECK(r1.ru_majflt > r0.ru_majflt, "ru_majflt did not rise");
		CHECK(major_after > major_before, "pgmajfault did not rise (%ld, then %ld)",
		      major_before, major_after);
	}
	CHECK_EQ(mincore((void *)file, nr_pages * PAGE, vec), 0);
	printf("after the first read, the page is resident: %d\n", vec[last] & 1);
	CHECK_EQ(vec[last] & 1, 1);

	second = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, (off_t)(last * PAGE));
	CHECK(second != MAP_FAILED, "second mmap: %s", strerror(errno));
	usage(&r1);
	CHECK_EQ(second[0], file[last * PAGE]);
	usage(&r2);
	printf("a second mapping of it: ru_majflt rose by %ld, ru_minflt rose: %s\n",
	       r2.ru_majflt - r1.ru_majflt, r2.ru_minflt > r1.ru_minflt ? "yes" : "no");
	CHECK_EQ(r2.ru_majflt - r1.ru_majflt, 0);
	CHECK(r2.ru_minflt > r1.ru_minflt, "ru_minflt %ld, then %ld", r1.ru_minflt, r2.ru_minflt);

	CHECK_EQ(munmap((void *)second, PAGE), 0);
	CHECK_EQ(munmap((void *)file, nr_pages * PAGE), 0);
	CHECK_EQ(close(fd), 0);
	return 0;
}
