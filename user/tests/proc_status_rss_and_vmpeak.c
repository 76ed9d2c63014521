/* EXPECT: exit 0 */
/*
 * /proc/self/status counts the resident set by kind and keeps the peak of the mapped
 * size: writing 10 untouched pages of an anonymous mapping raises VmRSS and RssAnon by
 * exactly 40 kB and leaves RssFile as it was; mapping 1000 more pages raises VmSize by
 * 4000 kB and VmPeak with it; unmapping them lowers VmSize back but VmPeak stays. The
 * memory lines come in Linux's order: VmPeak, VmSize, VmLck, VmPin, VmHWM, VmRSS,
 * RssAnon, RssFile, RssShmem, VmData, VmStk, VmExe, VmLib, VmPTE, VmSwap. VmLck is 0.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static char status[8192];

static void read_status(void)
{
	int fd = open("/proc/self/status", O_RDONLY);
	long len = 0, n;

	CHECK(fd >= 0, "open: %s", strerror(errno));
	while ((n = read(fd, status + len, sizeof(status) - 1 - (size_t)len)) > 0)
		len += n;
	CHECK(n == 0, "read: %s", strerror(errno));
	status[len] = '\0';
	CHECK_EQ(close(fd), 0);
}

/* The kB value of "name:\t   N kB", checking the format. */
static long kb(const char *name)
{
	char want[32];
	const char *p;

	snprintf(want, sizeof(want), "\n%s:\t", name);
	p = strstr(status, want);
	CHECK(p, "no %s in status", name);
	p += strlen(want);
	CHECK(strchr(p, '\n') - p == 11 && strncmp(strchr(p, '\n') - 3, " kB", 3) == 0,
	      "%s's line is not in Linux's format", name);
	return strtol(p, NULL, 10);
}

static const char *const order[] = {
	"VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM", "VmRSS", "RssAnon", "RssFile",
	"RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap",
};

int main(void)
{
	char *area = mmap(NULL, 20 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long rss, anon, file, size, peak;
	const char *last = status;
	char *big;

	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	read_status();
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		char want[32];
		const char *p;

		snprintf(want, sizeof(want), "\n%s:\t", order[i]);
		p = strstr(status, want);
		CHECK(p && p > last, "%s missing or out of Linux's order", order[i]);
		last = p;
	}
	CHECK_EQ(kb("VmLck"), 0);
	printf("status has Linux's memory lines in Linux's order\n");

	/* Twice: the first round brings in whatever code and stack pages this path needs
	 * (a kernel may map program text a page at a time), the second is measured. */
	for (int round = 0; round < 2; round++) {
		rss = kb("VmRSS"), anon = kb("RssAnon"), file = kb("RssFile");
		for (int i = 0; i < 10; i++)
			area[(round * 10 + i) * PAGE] = 1;
		read_status();
	}
	CHECK_EQ(kb("VmRSS") - rss, 40);
	CHECK_EQ(kb("RssAnon") - anon, 40);
	CHECK_EQ(kb("RssFile"), file);
	printf("10 pages written: VmRSS and RssAnon grew by 40 kB\n");

	size = kb("VmSize");
	big = mmap(NULL, 1000 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED, "mmap: %s", strerror(errno));
	read_status();
	CHECK_EQ(kb("VmSize") - size, 4000);
	peak = kb("VmPeak");
	CHECK(peak >= size + 4000, "VmPeak %ld below VmSize", peak);
	CHECK_EQ(munmap(big, 1000 * PAGE), 0);
	read_status();
	CHECK_EQ(kb("VmSize"), size);
	CHECK_EQ(kb("VmPeak"), peak);
	printf("VmPeak keeps the peak after munmap\n");
	return 0;
}
