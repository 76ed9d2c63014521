/* EXPECT: exit 0 */
/*
 * munmap() takes the pages away at once, translations the processor cached included:
 * pages that were just read and written fault on the next access, with SIGSEGV
 * SEGV_MAPERR (nothing is mapped there any more) and si_addr the byte accessed, and
 * mincore() says ENOMEM for them. Mapped again at the same place, they read as zero:
 * nothing of the old contents comes back.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>

#define PAGE 4096UL
#define NR_PAGES 4

static unsigned char *area;

/* Read (or write) area[offset]. Returns the signal that stopped it, or 0. */
static int try_access(unsigned long offset, bool write)
{
	return write ? probe_write(area + offset, 0xee) : probe_read(area + offset);
}

static void expect_maperr(unsigned long offset, bool write)
{
	int sig = try_access(offset, write);

	printf("%s area+%#lx after munmap: %s %s si_addr=area+%#lx\n", write ? "write" : "read",
	       offset, sig ? signal_name(sig) : "no signal",
	       sig ? si_code_name(sig, probe_info.si_code) : "",
	       sig ? (unsigned long)((unsigned char *)probe_info.si_addr - area) : 0);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
	CHECK(probe_info.si_addr == area + offset, "si_addr %p, expected %p", probe_info.si_addr,
	      (void *)(area + offset));
}

int main(void)
{
	unsigned char vec[NR_PAGES], *again;
	unsigned long sum = 0;
	int r;

	area = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(area, 0xa5, NR_PAGES * PAGE);
	for (unsigned long i = 0; i < NR_PAGES * PAGE; i += PAGE)
		sum += area[i]; /* every page freshly used: its translation cached */
	CHECK_EQ(sum, NR_PAGES * 0xa5);
	CHECK_EQ(munmap(area, NR_PAGES * PAGE), 0);

	expect_maperr(0, false);
	expect_maperr(0x10, true);
	expect_maperr(PAGE + 0x123, false);
	expect_maperr(NR_PAGES * PAGE - 1, true);
	r = mincore(area, NR_PAGES * PAGE, vec);
	printf("mincore after munmap: %d, errno %s\n", r, r ? strerror(errno) : "-");
	CHECK(r == -1 && errno == ENOMEM, "mincore returned %d, errno %d, expected ENOMEM", r,
	      errno);

	again = mmap(area, NR_PAGES * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(again == area, "mapping the same range again gave %p (%s), expected %p",
	      (void *)again, again == MAP_FAILED ? strerror(errno) : "elsewhere", (void *)area);
	for (unsigned long i = 0; i < NR_PAGES * PAGE; i++)
		CHECK(area[i] == 0, "mapped again, area[%#lx] is %#x: old contents", i, area[i]);
	printf("mapped again at the same address: all zero\n");
	CHECK_EQ(munmap(area, NR_PAGES * PAGE), 0);
	return 0;
}
