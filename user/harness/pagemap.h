/*
 * /proc/self/pagemap for tests: one 64-bit entry a page, at (va / 4096) * 8 (Linux's
 * Documentation/admin-guide/mm/pagemap.rst). Header-only. pagemap_pfns_shown() says
 * whether a test may compare frame numbers.
 */
#ifndef USER_PAGEMAP_H
#define USER_PAGEMAP_H

#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define PM_PRESENT (1UL << 63)
#define PM_PFN     ((1UL << 55) - 1)

/* The pagemap entry of the page at addr. */
static inline unsigned long pagemap_entry(const void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned long e = 0;

	CHECK(fd >= 0, "open /proc/self/pagemap: %s", strerror(errno));
	CHECK_EQ(pread(fd, &e, 8, (long)((unsigned long)addr / 4096 * 8)), 8);
	CHECK_EQ(close(fd), 0);
	return e;
}

/*
 * Whether frame numbers may be compared here: on Faultline only. Linux shows them to
 * root alone, under qemu-user the file is the emulator's, and the Linux 6.18 host of our
 * difftest showed read-only anonymous pages on distinct frames, not on one zero page.
 */
static inline bool pagemap_pfns_shown(void)
{
	return on_faultline();
}

#endif
