/* EXPECT: exit 0 */
/*
 * Page tables that munmap() gave back are made again when needed, and the ones a
 * neighbour still uses stay:
 *   - two mappings in one 2 MiB region (one table): unmapping one keeps the other's
 *     bytes; so does unmapping half of a mapping that crosses a 2 MiB boundary;
 *   - a 1 GiB region written in three 2 MiB regions and unmapped: under Faultline
 *     /proc/meminfo's PageTables falls by at least the four tables that mapped only it
 *     (on Linux other processes move that system-wide count: only noted); mapped again
 *     at the same addresses, every page reads zeros and takes writes;
 *   - MAP_FIXED over a written mapping, and brk() shrinking the heap and growing it
 *     again, read zeros where the old pages were;
 *   - after 3,000 turns of map, write, unmap in fresh 2 MiB regions, fork() still shares
 *     the parent's pages copy-on-write: the child reads them, writes its own copy and
 *     churns some more; the parent's bytes stay.
 * runall's frame-leak check then proves every table came back.
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE       4096UL
#define TABLE_SPAN (2UL << 20) /* what one last-level table maps */
#define DIR_SPAN   (1UL << 30) /* what the table above it maps */
#define AREA       (8UL << 30) /* a 1 GiB-aligned place far from the program and stack */
#define CHURN_BASE (16UL << 30)
#define NR_CHURN   3000

/* mmap(MAP_FIXED) of len bytes at addr, read and write; fails the test if refused. */
static unsigned char *map_at(unsigned long addr, unsigned long len)
{
	void *p = mmap((void *)addr, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	CHECK(p == (void *)addr, "mmap at %#lx: %p (%s)", addr, p, strerror(errno));
	return p;
}

/* Write value into the first byte of every page of [p, p+len). */
static void fill(unsigned char *p, unsigned long len, unsigned char value)
{
	for (unsigned long off = 0; off < len; off += PAGE)
		p[off] = value;
}

/* How many pages of [p, p+len) do not start with value. */
static unsigned long count_wrong(const unsigned char *p, unsigned long len, unsigned char value)
{
	unsigned long wrong = 0;

	for (unsigned long off = 0; off < len; off += PAGE)
		wrong += p[off] != value;
	return wrong;
}

static void neighbours_keep_their_table(void)
{
	unsigned char *a = map_at(AREA, 16 * PAGE);
	unsigned char *b = map_at(AREA + TABLE_SPAN / 2, 16 * PAGE);
	unsigned char *c = map_at(AREA + 3 * TABLE_SPAN - 8 * PAGE, 16 * PAGE);

	fill(a, 16 * PAGE, 0xa1);
	fill(b, 16 * PAGE, 0xb2);
	fill(c, 16 * PAGE, 0xc3);
	CHECK_EQ(munmap(a, 16 * PAGE), 0);
	CHECK_EQ(count_wrong(b, 16 * PAGE, 0xb2), 0);
	CHECK_EQ(munmap(c, 8 * PAGE), 0); /* the half below the 2 MiB boundary */
	CHECK_EQ(count_wrong(c + 8 * PAGE, 8 * PAGE, 0xc3), 0);
	a = map_at(AREA, 16 * PAGE);
	CHECK_EQ(count_wrong(a, 16 * PAGE, 0), 0);
	fill(a, 16 * PAGE, 0xa4);
	CHECK_EQ(count_wrong(a, 16 * PAGE, 0xa4), 0);
	CHECK_EQ(count_wrong(b, 16 * PAGE, 0xb2), 0);
	CHECK_EQ(munmap((void *)AREA, DIR_SPAN), 0);
	printf("neighbours in one table keep their bytes; a mapped again reads zeros\n");
}

static void remap_after_tables_freed(void)
{
	unsigned long offsets[] = { 0, 5 * TABLE_SPAN + 3 * PAGE, DIR_SPAN - PAGE };
	long before, after;

	/* Three pages of the 1 GiB region, each its own mapping (all of it would be more
	 * than Faultline's machine could ever give, so mmap would refuse it). */
	for (int i = 0; i < 3; i++)
		*map_at(AREA + offsets[i], PAGE) = 0x5a;
	before = meminfo_kb("PageTables");
	CHECK_EQ(munmap((void *)AREA, DIR_SPAN), 0);
	after = meminfo_kb("PageTables");
	note("PageTables: %ld kB before the munmap, %ld kB after", before, after);
	if (on_faultline())
		CHECK(before - after >= 4 * (long)(PAGE / 1024),
		      "PageTables fell by %ld kB, not by 4 tables", before - after);
	for (int i = 0; i < 3; i++) {
		unsigned char *p = map_at(AREA + offsets[i], PAGE);

		CHECK_EQ(*p, 0);
		*p = 0x6b;
		CHECK_EQ(*p, 0x6b);
	}
	CHECK_EQ(munmap((void *)AREA, DIR_SPAN), 0);
	printf("1 GiB unmapped and mapped again: zeros, then writes stick\n");
}

static void replaced_or_shrunk_reads_zeros(void)
{
	unsigned char *p = map_at(AREA, 4 * TABLE_SPAN);
	unsigned char *heap;

	fill(p, 4 * TABLE_SPAN, 0x77);
	p = map_at(AREA, 4 * TABLE_SPAN); /* MAP_FIXED over it */
	CHECK_EQ(count_wrong(p, 4 * TABLE_SPAN, 0), 0);
	CHECK_EQ(munmap(p, 4 * TABLE_SPAN), 0);

	heap = sbrk(0);
	CHECK(sbrk((long)(2 * TABLE_SPAN)) == heap, "sbrk: %s", strerror(errno));
	fill(heap, 2 * TABLE_SPAN, 0x88);
	CHECK(sbrk(-(long)(2 * TABLE_SPAN)) != (void *)-1, "sbrk shrink: %s", strerror(errno));
	CHECK(sbrk((long)(2 * TABLE_SPAN)) == heap, "sbrk again: %s", strerror(errno));
	CHECK_EQ(count_wrong(heap, 2 * TABLE_SPAN, 0), 0);
	CHECK(sbrk(-(long)(2 * TABLE_SPAN)) != (void *)-1, "sbrk shrink: %s", strerror(errno));
	printf("MAP_FIXED over a mapping, and a shrunk heap grown again: zeros\n");
}

/* Map, write and unmap one page in each of turns fresh 2 MiB regions from base. */
static void churn(unsigned long base, long turns)
{
	for (long i = 0; i < turns; i++) {
		unsigned char *p = map_at(base + (unsigned long)i * TABLE_SPAN, PAGE);

		*p = 1;
		CHECK_EQ(munmap(p, PAGE), 0);
	}
}

static int child_after_churn(void *arg)
{
	unsigned char *shared = arg;

	if (count_wrong(shared, 64 * PAGE, 0x3c))
		return 2;
	fill(shared, 64 * PAGE, 0xc4); /* its own copies */
	churn(CHURN_BASE + NR_CHURN * TABLE_SPAN, NR_CHURN / 3);
	return count_wrong(shared, 64 * PAGE, 0xc4) ? 3 : 0;
}

static void fork_after_churn(void)
{
	unsigned char *shared = map_at(AREA, 64 * PAGE);
	int status;

	fill(shared, 64 * PAGE, 0x3c);
	churn(CHURN_BASE, NR_CHURN);
	status = run_in_child(child_after_churn, shared);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child: %s", status_str(status));
	CHECK_EQ(count_wrong(shared, 64 * PAGE, 0x3c), 0);
	CHECK_EQ(munmap(shared, 64 * PAGE), 0);
	printf("fork after %d turns of churn: copy-on-write holds both ways\n", NR_CHURN);
}

int main(void)
{
	neighbours_keep_their_table();
	remap_after_tables_freed();
	replaced_or_shrunk_reads_zeros();
	fork_after_churn();
	return 0;
}
