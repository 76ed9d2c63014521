/* mm/memblock.c on the host: merging, reservations and boot-time allocation. */
#include <setjmp.h>
#include <stdarg.h>
#include <mm/memblock.h>
#include "../../lib/test/htest.h"

/* memblock calls panic() and printk(); on the host they land here (see host.syms). */
static jmp_buf panic_jump;
static int panicked;

void fl_panic(const char *fmt, ...)
{
	(void)fmt;
	panicked = 1;
	longjmp(panic_jump, 1);
}

int fl_printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static void reset(void)
{
	memset(&memblock_memory, 0, sizeof(memblock_memory));
	memset(&memblock_reserved, 0, sizeof(memblock_reserved));
}

HTEST(memblock_add_merges)
{
	reset();
	memblock_add(0x3000, 0x1000);
	memblock_add(0x1000, 0x1000);
	HEXPECT_EQ(memblock_memory.count, 2);
	HEXPECT_EQ(memblock_memory.regions[0].base, 0x1000); /* kept sorted */
	memblock_add(0x2000, 0x1000); /* touches both: all three merge */
	HEXPECT_EQ(memblock_memory.count, 1);
	HEXPECT_EQ(memblock_memory.regions[0].base, 0x1000);
	HEXPECT_EQ(memblock_memory.regions[0].size, 0x3000);
	memblock_add(0x1800, 0x100); /* inside: nothing changes */
	HEXPECT_EQ(memblock_memory.count, 1);
	HEXPECT_EQ(memblock_memory.regions[0].size, 0x3000);
	memblock_add(0x10000, 0x1000);
	memblock_add(0x0, 0x20000); /* swallows everything */
	HEXPECT_EQ(memblock_memory.count, 1);
	HEXPECT_EQ(memblock_total(&memblock_memory), 0x20000);
	memblock_add(0x50000, 0);
	HEXPECT_EQ(memblock_memory.count, 1);
}

HTEST(memblock_reserved_ranges)
{
	reset();
	memblock_add(0x80000000, 0x100000);
	memblock_reserve(0x80010000, 0x2000);
	HEXPECT(memblock_is_reserved(0x80010000, 1));
	HEXPECT(memblock_is_reserved(0x8000f000, 0x1001)); /* overlaps by one byte */
	HEXPECT(!memblock_is_reserved(0x8000f000, 0x1000)); /* ends exactly before */
	HEXPECT(!memblock_is_reserved(0x80012000, 0x1000)); /* starts exactly after */
}

HTEST(memblock_nomap_is_reserved_and_listed)
{
	reset();
	memset(&memblock_nomap, 0, sizeof(memblock_nomap));
	memblock_add(0x80000000, 0x100000);
	memblock_reserve_nomap(0x80000000, 0x20000);
	HEXPECT(memblock_is_reserved(0x80010000, 0x1000));
	HEXPECT(memblock_is_nomap(0x80000000));
	HEXPECT(memblock_is_nomap(0x8001ffff));
	HEXPECT(!memblock_is_nomap(0x80020000));
	HEXPECT(!memblock_is_nomap(0x7fffffff));
}

HTEST(memblock_clamp_drops_high_ram)
{
	reset();
	memblock_add(0x0, 0x9f000);
	memblock_add(0x100000, 0x7ff00000);  /* up to 2 GiB */
	memblock_add(0x100000000, 0x10000000); /* above 4 GiB */
	HEXPECT(memblock_clamp(0x40000000));
	HEXPECT_EQ(memblock_memory.count, 2);
	HEXPECT_EQ(memblock_memory.regions[1].base + memblock_memory.regions[1].size, 0x40000000);
	HEXPECT(!memblock_clamp(0x40000000)); /* nothing left to drop */
}

HTEST(memblock_alloc_avoids_reserved)
{
	phys_addr_t a, b;

	reset();
	memblock_add(0x80000000, 0x10000);
	memblock_reserve(0x8000e000, 0x2000); /* the top 8 KiB */
	a = memblock_alloc(0x1000, 0x1000);
	HEXPECT_EQ(a, 0x8000d000); /* highest free page */
	b = memblock_alloc(0x2000, 0x4000);
	HEXPECT_EQ(b, 0x80008000); /* aligned to 16 KiB, below the first */
	HEXPECT(memblock_is_reserved(a, 0x1000) && memblock_is_reserved(b, 0x2000));
	panicked = 0;
	if (setjmp(panic_jump) == 0)
		memblock_alloc(0x100000, 0x1000); /* more than exists */
	HEXPECT_EQ(panicked, 1);
}

HTEST(memblock_too_many_regions_panics)
{
	reset();
	panicked = 0;
	if (setjmp(panic_jump) == 0)
		for (int i = 0; i <= MEMBLOCK_MAX_REGIONS; i++)
			memblock_add((phys_addr_t)i * 0x10000, 0x1000);
	HEXPECT_EQ(panicked, 1);
	HEXPECT_EQ(memblock_memory.count, MEMBLOCK_MAX_REGIONS);
}
