/* EXPECT: exit 0 */
/*
 * munmap() gives back the page tables of what it unmapped. Each turn of a loop maps one
 * page in a region of its own (MAP_FIXED), writes it and unmaps it, so every turn needs
 * a fresh last-level table (2 MiB regions: 30,000 turns), or a fresh table one level up
 * as well (1 GiB regions), or, on x86_64, two levels up (512 GiB regions). The process
 * holds one page at a time, so its page tables must not pile up: every 2,000 turns its
 * page tables may have grown, and MemFree fallen, by at most 8 MiB. Kept tables would
 * grow them by 4 KiB or more a turn: 117 MiB over the 30,000, about all that Faultline's
 * machine has. The page tables are /proc/meminfo's PageTables under Faultline (where
 * nothing else runs meanwhile: after each loop it is exactly where it started), and the
 * process's own VmPTE from /proc/self/status on Linux, where the machine-wide counters
 * move with every other process (MemFree is not checked there either, as runall's
 * --no-leak-check says). Under qemu-user VmPTE is the emulator's, which also counts its
 * own growth, some 2 MiB.
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE        4096UL
#define BASE        (4UL << 30)  /* far above the program, far below the stack */
#define CHECK_EVERY 2000
#define BOUND_KB    8192L

struct churn {
	const char *what;
	unsigned long base;   /* first region */
	unsigned long stride; /* one region per turn */
	long turns;
};

static const struct churn churns[] = {
	{ "2 MiB regions", BASE, 2UL << 20, 30000 },
	{ "1 GiB regions", BASE, 1UL << 30, 200 },
#ifdef __x86_64__
	/* A table three levels up spans 512 GiB on x86_64; Sv39 has no room for this. */
	{ "512 GiB regions", 1UL << 40, 512UL << 30, 100 },
#endif
};

/* Memory in kB as /proc/meminfo says, failing the test if the line is missing. */
static long meminfo(const char *key)
{
	long kb = meminfo_kb(key);

	CHECK(kb >= 0, "no %s in /proc/meminfo", key);
	return kb;
}

/* This process's page tables in kB, as far as the kernel lets us see them (see above). */
static long page_tables_kb(void)
{
	long kb;

	if (on_faultline())
		return meminfo("PageTables");
	kb = self_status_kb("VmPTE");
	CHECK(kb >= 0, "no VmPTE in /proc/self/status");
	return kb;
}

/* After turn turns of c: the bound holds (see above). */
static void check_bound(const struct churn *c, long turn, long tables_before, long free_before)
{
	long tables_grew = page_tables_kb() - tables_before;
	long free_fell = free_before - meminfo("MemFree");

	CHECK(tables_grew <= BOUND_KB, "%s: page tables grew by %ld kB in %ld turns", c->what,
	      tables_grew, turn);
	if (on_faultline())
		CHECK(free_fell <= BOUND_KB, "%s: MemFree fell by %ld kB in %ld turns", c->what,
		      free_fell, turn);
}

static void churn(const struct churn *c)
{
	long tables_before = page_tables_kb(), free_before = meminfo("MemFree");

	for (long turn = 1; turn <= c->turns; turn++) {
		char *want = (char *)(c->base + (unsigned long)(turn - 1) * c->stride);
		char *p = mmap(want, PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

		CHECK(p == want, "%s: mmap at %p: %p (%s)", c->what, want, p, strerror(errno));
		*p = 1;
		CHECK(munmap(p, PAGE) == 0, "%s: munmap: %s", c->what, strerror(errno));
		if (turn % CHECK_EVERY == 0 || turn == c->turns)
			check_bound(c, turn, tables_before, free_before);
	}
	note("%s: page tables %ld kB before, %ld kB after", c->what, tables_before,
	     page_tables_kb());
	if (on_faultline())
		CHECK_EQ(meminfo("PageTables"), tables_before);
	printf("%s: %ld pages mapped, written and unmapped; page tables given back\n", c->what,
	       c->turns);
}

int main(void)
{
	for (unsigned long i = 0; i < sizeof(churns) / sizeof(churns[0]); i++)
		churn(&churns[i]);
	return 0;
}
