/* EXPECT: exit 0 */
/* LAB: cow 10 */
/*
 * Copy-on-write after the other side is gone: a process using more than half of RAM
 * (user/harness/meminfo.h) forks, then unmaps all of it. The child, the last holder
 * of every page, reads the parent's tags, writes its own into every page (each page is
 * its alone now: no copy is needed) and reads them back. The parent's range is
 * unmapped: a read there is SIGSEGV.
 */
#include <check.h>
#include <errno.h>
#include <meminfo.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static unsigned long tag(size_t i, int who)
{
	return 0x5eed0000000UL | ((unsigned long)who << 28) | i;
}

int main(void)
{
	size_t len = more_than_half_of_ram(), nr_pages = len / PAGE;
	int go[2], status;
	unsigned long *big;
	char c;
	pid_t pid;

	big = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED, "mmap %zu MB: %s", len >> 20, strerror(errno));
	for (size_t i = 0; i < nr_pages; i++)
		big[i * PAGE / sizeof(long)] = tag(i, 0);
	CHECK_EQ(pipe(go), 0);
	pid = fork();
	CHECK(pid >= 0, "fork of a process using %zu MB: %s", len >> 20, strerror(errno));
	if (pid == 0) {
		CHECK_EQ(read(go[0], &c, 1), 1); /* the parent has unmapped its pages */
		for (size_t i = 0; i < nr_pages; i++)
			CHECK(big[i * PAGE / sizeof(long)] == tag(i, 0), "child: page %zu holds %#lx",
			      i, big[i * PAGE / sizeof(long)]);
		for (size_t i = 0; i < nr_pages; i++)
			big[i * PAGE / sizeof(long)] = tag(i, 1);
		for (size_t i = 0; i < nr_pages; i++)
			CHECK(big[i * PAGE / sizeof(long)] == tag(i, 1), "child: page %zu holds %#lx",
			      i, big[i * PAGE / sizeof(long)]);
		_exit(0);
	}
	CHECK_EQ(munmap(big, len), 0);
	CHECK_EQ(probe_read(big), SIGSEGV);
	CHECK_EQ(write(go[1], "x", 1), 1);
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	return 0;
}
