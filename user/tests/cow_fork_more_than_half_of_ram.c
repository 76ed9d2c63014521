/* EXPECT: exit 0 */
/* LAB: cow 30 */
/*
 * Copy-on-write makes fork cheap: a process using more than half of RAM (MemTotal, on
 * Faultline; 32 MB on Linux, see user/harness/meminfo.h) forks, and the child reads
 * every page's own tag as the parent wrote it, writes a few pages and exits 0; the
 * parent's pages keep the parent's tags. A fork that copies every page runs out of
 * memory (ENOMEM) here, so this test fails until fork shares pages.
 */
#include <check.h>
#include <errno.h>
#include <meminfo.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static unsigned long *big;
static size_t nr_pages;

/* The word at the start of page i, as the parent (0) or the child (1) writes it. */
static unsigned long tag(size_t i, int who)
{
	return 0xc0de0000000UL | ((unsigned long)who << 32) | i;
}

/* The index of the first page whose first word is not who's tag, or nr_pages. */
static size_t first_wrong(int who, size_t step)
{
	for (size_t i = 0; i < nr_pages; i += step)
		if (big[i * PAGE / sizeof(long)] != tag(i, who))
			return i;
	return nr_pages;
}

static int child(void *arg)
{
	(void)arg;
	CHECK_EQ(first_wrong(0, 1), nr_pages);
	for (size_t i = 0; i < nr_pages; i += 1024)
		big[i * PAGE / sizeof(long)] = tag(i, 1);
	CHECK_EQ(first_wrong(1, 1024), nr_pages);
	return 0;
}

int main(void)
{
	size_t len = more_than_half_of_ram();
	int status;

	nr_pages = len / PAGE;
	big = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED, "mmap %zu MB: %s", len >> 20, strerror(errno));
	for (size_t i = 0; i < nr_pages; i++)
		big[i * PAGE / sizeof(long)] = tag(i, 0);
	status = run_in_child(child, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child of a process using %zu MB: %s", len >> 20, status_str(status));
	CHECK_EQ(first_wrong(0, 1), nr_pages);
	CHECK_EQ(munmap(big, len), 0);
	return 0;
}
