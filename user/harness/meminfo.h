/*
 * A size of memory to use that is a given share of this machine's RAM (MemTotal, read
 * with meminfo_kb() of user/include/proc_counters.h). Header-only. The copy-on-write
 * lab's graded tests use it.
 */
#ifndef USER_MEMINFO_H
#define USER_MEMINFO_H

#include <check.h>
#include <proc_counters.h>
#include <stddef.h>

/*
 * A length in bytes, a multiple of 4096, that is more than half of RAM (MemTotal) on
 * Faultline, whose QEMU machine has 128 MB: a process that uses it cannot be forked by
 * copying its memory. On Linux (the difftest run) it is 32 MB: half of a host's RAM is
 * gigabytes, and Linux shares a fork's pages just the same.
 */
static inline size_t more_than_half_of_ram(void)
{
	long total_kb = meminfo_kb("MemTotal");

	CHECK(total_kb > 0, "no MemTotal in /proc/meminfo");
	if (!on_faultline())
		return 32UL << 20;
	return ((size_t)total_kb / 2 + 4096) * 1024; /* half, plus 4 MB */
}

#endif
