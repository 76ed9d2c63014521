/* EXPECT: exit 0 */
/* DIFFERS: on Linux (as root) MADV_HWPOISON would poison real frames of the machine running the test, so the test calls it only under Faultline and checks nothing elsewhere. */
/*
 * MADV_HWPOISON over a range poisons every page of it, the last one included, and
 * stops with an error at the first page it cannot reach as a kernel read would:
 *
 *   - four read-write pages, poisoned in one call: 0, and a read of the last page (and
 *     of the first) is SIGBUS BUS_MCEERR_AR at that address;
 *   - three read-write pages followed by a PROT_NONE page, in one call: EFAULT; the
 *     three pages before it are poisoned, and the PROT_NONE page is not resident.
 *
 * Only under Faultline (see DIFFERS): on Linux the test says so and exits 0.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE 4096UL

static void expect_poisoned(unsigned char *addr, const char *what)
{
	int sig = probe_read(addr);

	printf("read of %s: %s %s\n", what, sig ? signal_name(sig) : "no signal",
	       sig ? si_code_name(sig, probe_info.si_code) : "");
	CHECK(sig == SIGBUS && probe_info.si_code == BUS_MCEERR_AR && probe_info.si_addr == addr,
	      "%s: signal %d code %d addr %p", what, sig, probe_info.si_code, probe_info.si_addr);
}

int main(void)
{
	unsigned char *area, vec = 0xee;
	long ret;

	if (!on_faultline()) {
		note("not Faultline: MADV_HWPOISON would poison this machine's memory; nothing done");
		return 0;
	}
	area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(area, 0x11, 2 * PAGE); /* two pages present, two never touched */
	CHECK_EQ(madvise(area, 4 * PAGE, MADV_HWPOISON), 0);
	printf("MADV_HWPOISON over four read-write pages: 0\n");
	expect_poisoned(area + 3 * PAGE + 5, "the last page");
	expect_poisoned(area + 7, "the first page");
	CHECK_EQ(munmap(area, 4 * PAGE), 0);

	area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(mprotect(area + 3 * PAGE, PAGE, PROT_NONE), 0);
	ret = madvise(area, 4 * PAGE, MADV_HWPOISON);
	printf("MADV_HWPOISON over three read-write pages and a PROT_NONE one: %s\n",
	       ret ? strerror(errno) : "0");
	CHECK(ret == -1 && errno == EFAULT, "madvise: %ld", ret);
	expect_poisoned(area + 2 * PAGE + 9, "the page before the PROT_NONE one");
	expect_poisoned(area, "the first page");
	CHECK_EQ(mincore(area + 3 * PAGE, PAGE, &vec), 0);
	printf("the PROT_NONE page resident: %d\n", vec & 1);
	CHECK_EQ(vec & 1, 0);
	CHECK_EQ(munmap(area, 4 * PAGE), 0);
	return 0;
}
