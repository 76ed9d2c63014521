/* EXPECT: exit 0 */
/* LAB: pagetables 30 */
/*
 * munmap() gives back the page tables it emptied, not only the pages. The test maps 64
 * pages, each alone in its own 2 MiB (so each needs a leaf table of its own) and all in
 * one 1 GiB nobody else uses (so they share one table a level up), writes and reads
 * them, and unmaps them all: the process's page tables (VmPTE in /proc/self/status) are
 * back to what they were before, and under Faultline, where nothing else runs, so is
 * MemFree (within 64 kB, a sixth of what 65 kept tables would hold). After that the
 * addresses are unmapped (a read is SIGSEGV SEGV_MAPERR at the address), and a page
 * mapped again at one of them is a fresh zero page with its table made anew, which the
 * next munmap frees again. (Under qemu-user, VmPTE is the emulator's own: only the
 * bytes and the signals are checked there.)
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE       4096UL
#define LEAF_SPAN  (2UL << 20)  /* what one leaf table maps */
#define BASE       (5UL << 30)  /* a 1 GiB of its own, far above the program */
#define NR_REGIONS 64
#define SLACK_KB   64L

static char *region(int i)
{
	return (char *)(BASE + (unsigned long)i * LEAF_SPAN + (unsigned long)i * PAGE);
}

static long vm_pte_kb(void)
{
	long kb = self_status_kb("VmPTE");

	CHECK(kb >= 0, "no VmPTE in /proc/self/status");
	return kb;
}

static long mem_free_kb(void)
{
	long kb = meminfo_kb("MemFree");

	CHECK(kb >= 0, "no MemFree in /proc/meminfo");
	return kb;
}

/* Map, write and read back a page in each region. */
static void map_all(void)
{
	for (int i = 0; i < NR_REGIONS; i++) {
		char *p = mmap(region(i), PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

		CHECK(p == region(i), "mmap at %p: %p (%s)", (void *)region(i), (void *)p,
		      strerror(errno));
		memset(p, 'a' + i % 26, PAGE);
	}
	for (int i = 0; i < NR_REGIONS; i++)
		CHECK(region(i)[i] == 'a' + i % 26 && region(i)[PAGE - 1] == 'a' + i % 26,
		      "region %d lost its bytes", i);
}

static void check_given_back(const char *when, long pte_before, long free_before)
{
	long pte_after = vm_pte_kb(), free_after = mem_free_kb();

	note("%s: VmPTE %ld kB (%ld before), MemFree %ld kB (%ld before)", when, pte_after,
	     pte_before, free_after, free_before);
	if (!under_qemu_user())
		CHECK(pte_after == pte_before, "%s: VmPTE %ld kB, %ld kB before", when, pte_after,
		      pte_before);
	if (on_faultline())
		CHECK(free_before - free_after <= SLACK_KB, "%s: MemFree fell by %ld kB", when,
		      free_before - free_after);
	printf("%s: page tables given back\n", when);
}

int main(void)
{
	long pte_before, free_before;
	char *again;

	/* Warm up: stdio's buffer, the stack pages this test uses. */
	printf("%d regions of 2 MiB at %#lx\n", NR_REGIONS, BASE);
	vm_pte_kb();
	mem_free_kb();
	pte_before = vm_pte_kb();
	free_before = mem_free_kb();

	map_all();
	if (!under_qemu_user())
		CHECK(vm_pte_kb() >= pte_before + NR_REGIONS * 4, "VmPTE %ld kB with %d tables made",
		      vm_pte_kb(), NR_REGIONS);
	CHECK_EQ(munmap((void *)BASE, NR_REGIONS * (LEAF_SPAN + PAGE)), 0);
	check_given_back("after munmap", pte_before, free_before);

	for (int i = 0; i < NR_REGIONS; i += 21) {
		int sig = probe_read(region(i));

		CHECK_EQ(sig, SIGSEGV);
		CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
		CHECK(probe_info.si_addr == region(i), "si_addr %p, expected %p", probe_info.si_addr,
		      (void *)region(i));
	}

	again = mmap(region(7), PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		     -1, 0);
	CHECK(again == region(7), "mmap again: %s", strerror(errno));
	for (unsigned long off = 0; off < PAGE; off += 512)
		CHECK(again[off] == 0, "a page mapped again reads %d at %lu", again[off], off);
	again[0] = 1;
	CHECK_EQ(munmap(again, PAGE), 0);
	check_given_back("after a second map and munmap", pte_before, free_before);
	return 0;
}
