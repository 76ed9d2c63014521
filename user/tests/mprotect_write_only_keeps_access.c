/* EXPECT: exit 0 */
/*
 * A mapping made write-only by mprotect(PROT_WRITE) can still be written, and read: no
 * MMU has a write-only page, so PROT_WRITE gives read access too (Linux, POSIX's
 * "implementation may permit"). Pages already present when the protection changes keep
 * their bytes and both accesses: one written before (its own frame), one only read before
 * (the shared zero page), and one never touched.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096UL

int main(void)
{
	volatile unsigned char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	p[0] = 0x5a;                  /* page 0: written, its own frame */
	CHECK_EQ(p[PAGE], 0);         /* page 1: read, the zero page; page 2: untouched */
	CHECK_EQ(mprotect((void *)p, 3 * PAGE, PROT_WRITE), 0);

	for (unsigned long i = 0; i < 3; i++) {
		CHECK_EQ(probe_read(p + i * PAGE), 0);
		CHECK_EQ(probe_write(p + i * PAGE + 1, 0x33), 0);
	}
	CHECK_EQ(p[0], 0x5a);
	CHECK_EQ(p[PAGE], 0);
	CHECK_EQ(p[PAGE + 1], 0x33);
	CHECK_EQ(p[2 * PAGE + 1], 0x33);
	CHECK_EQ(munmap((void *)p, 3 * PAGE), 0);
	return 0;
}
