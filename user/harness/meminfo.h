/*
 * /proc/meminfo for tests: a line's value, and a size of memory to use that is a given
 * share of this machine's RAM. Header-only, so a test that includes it needs no other
 * object. The copy-on-write and lazy-allocation labs' graded tests use it.
 */
#ifndef USER_MEMINFO_H
#define USER_MEMINFO_H

#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The value in kB of /proc/meminfo's line "<key> <value> kB" (key with its colon), or -1. */
static inline long meminfo_kb(const char *key)
{
	static char buf[4096];
	int fd = open("/proc/meminfo", O_RDONLY);
	size_t len = strlen(key);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (char *p = buf; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, key, len))
			return strtol(p + len, NULL, 10);
	}
	return -1;
}

/*
 * A length in bytes, a multiple of 4096, that is more than half of RAM (MemTotal) on
 * Faultline, whose QEMU machine has 128 MB: a process that uses it cannot be forked by
 * copying its memory. On Linux (the difftest run) it is 32 MB: half of a host's RAM is
 * gigabytes, and Linux shares a fork's pages just the same.
 */
static inline size_t more_than_half_of_ram(void)
{
	long total_kb = meminfo_kb("MemTotal:");

	CHECK(total_kb > 0, "no MemTotal in /proc/meminfo");
	if (!on_faultline())
		return 32UL << 20;
	return ((size_t)total_kb / 2 + 4096) * 1024; /* half, plus 4 MB */
}

#endif
