/*
 * mm/vma_tree.c on the host: thousands of random VMA layouts, changed the ways mm/vma.c
 * changes them (link, unlink, move an end, move a start, split, merge). After every
 * change: (a) every node's vm_subtree_gap equals the largest gap in its subtree computed
 * from scratch, and (b) find_free_range() returns exactly what a linear walk over the
 * VMAs returns (the search it replaced), for many lengths and mmap bases.
 */
#include <stdlib.h>
#include <mm/vma_tree.h>
#include "../../lib/test/htest.h"

#define PAGES_MAX 1024 /* the largest address space a layout uses, in pages */

static struct mm_struct mm;
static struct vm_area_struct *owner[PAGES_MAX]; /* the VMA each page is in, or NULL */
static struct vm_area_struct *live[PAGES_MAX];  /* the VMAs linked, in no order */
static unsigned long nr_live, nr_pages;
static unsigned long nr_bad_gaps, nr_bad_searches, nr_searches, nr_found;

static unsigned long page_of(unsigned long addr)
{
	return addr / PAGE_SIZE;
}

static unsigned long rand_below(unsigned long n)
{
	return n ? (unsigned long)rand() % n : 0;
}

static void own(struct vm_area_struct *vma, unsigned long from, unsigned long to)
{
	for (unsigned long p = page_of(from); p < page_of(to); p++)
		owner[p] = vma;
}

static void forget(struct vm_area_struct *vma)
{
	for (unsigned long i = 0; i < nr_live; i++)
		if (live[i] == vma) {
			live[i] = live[--nr_live];
			return;
		}
}

static void reset(unsigned long pages)
{
	for (unsigned long i = 0; i < nr_live; i++)
		free(live[i]);
	memset(&mm, 0, sizeof(mm));
	memset(owner, 0, sizeof(owner));
	INIT_LIST_HEAD(&mm.mmap);
	nr_live = 0;
	nr_pages = pages;
	/* Sometimes below MMAP_MIN_ADDR or through a VMA, mostly in the upper part. */
	mm.mmap_base = (1 + rand_below(pages + 16)) * PAGE_SIZE;
}

/* The search find_free_range() replaced: down the list from mmap_base, gap by gap. */
static unsigned long linear_free_range(unsigned long len)
{
	unsigned long top = mm.mmap_base;

	for (struct list_head *pos = mm.mmap.prev; pos != &mm.mmap; pos = pos->prev) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);

		if (vma->vm_start >= top)
			continue;
		if (vma->vm_end < top && top - vma->vm_end >= len)
			return top - len;
		top = vma->vm_start;
	}
	return top >= MMAP_MIN_ADDR + len ? top - len : 0;
}

/*
 * The largest gap in n's subtree from scratch, with the VMA before each found by walking
 * the tree (not the list the code under test uses); counts nodes that keep another value.
 */
static unsigned long check_gaps(struct avl_node *n)
{
	struct vm_area_struct *vma, *prev;
	unsigned long floor, max;

	if (!n)
		return 0;
	vma = avl_entry(n, struct vm_area_struct, vm_node);
	prev = avl_prev(n) ? avl_entry(avl_prev(n), struct vm_area_struct, vm_node) : NULL;
	floor = prev ? prev->vm_end : MMAP_MIN_ADDR;
	/* Only the part below mmap_base counts: a mapping never goes above it. */
	max = MIN(vma->vm_start, mm.mmap_base) > floor ? MIN(vma->vm_start, mm.mmap_base) - floor : 0;
	max = MAX(max, check_gaps(n->left));
	max = MAX(max, check_gaps(n->right));
	nr_bad_gaps += vma->vm_subtree_gap != max;
	return max;
}

static void check_search(unsigned long len)
{
	unsigned long want = linear_free_range(len), got = find_free_range(&mm, len);

	nr_searches++;
	nr_found += want != 0;
	if (got != want && nr_bad_searches++ < 5)
		printf("# %lu VMAs, mmap_base %#lx, len %#lx: tree %#lx, linear %#lx\n", nr_live,
		       mm.mmap_base, len, got, want);
}

static void check_all(void)
{
	static const unsigned long lens[] = { 1, 2, 3, 4, 7, 16, 100 };

	check_gaps(mm.mm_tree.node);
	for (unsigned long i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
		check_search(lens[i] * PAGE_SIZE);
	check_search((1 + rand_below(nr_pages)) * PAGE_SIZE);
	check_search((nr_pages + 32) * PAGE_SIZE); /* larger than everything: 0 */
}

/* Map [start, start + len) if it is free. */
static void try_link(unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma;

	if (start == 0 || start + len > nr_pages * PAGE_SIZE)
		return;
	for (unsigned long a = start; a < start + len; a += PAGE_SIZE)
		if (owner[page_of(a)])
			return;
	vma = calloc(1, sizeof(*vma));
	vma->vm_start = start;
	vma->vm_end = start + len;
	vma_link(&mm, vma);
	own(vma, start, start + len);
	live[nr_live++] = vma;
}

static void unlink_one(struct vm_area_struct *vma)
{
	own(NULL, vma->vm_start, vma->vm_end);
	vma_unlink(vma);
	forget(vma);
	free(vma);
}

/* Move vma's end anywhere from one page past its start up to the next VMA. */
static void move_end(struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma_next(vma);
	unsigned long limit = next ? next->vm_start : nr_pages * PAGE_SIZE;
	unsigned long end = vma->vm_start + (1 + rand_below(page_of(limit - vma->vm_start))) * PAGE_SIZE;

	own(NULL, vma->vm_start, vma->vm_end);
	vma_set_end(vma, end);
	own(vma, vma->vm_start, vma->vm_end);
}

/* Move vma's start anywhere from the previous VMA's end (or page 1) to a page below its end. */
static void move_start(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma);
	unsigned long floor = prev ? prev->vm_end : PAGE_SIZE;
	unsigned long start = floor + rand_below(page_of(vma->vm_end - floor)) * PAGE_SIZE;

	own(NULL, vma->vm_start, vma->vm_end);
	vma_set_start(vma, start);
	own(vma, vma->vm_start, vma->vm_end);
}

/* Split as mm/vma.c's __split_vma() does: the low part keeps vma, the high part is new. */
static void split(struct vm_area_struct *vma)
{
	unsigned long pages = page_of(vma->vm_end - vma->vm_start), addr;
	struct vm_area_struct *high;

	if (pages < 2)
		return;
	addr = vma->vm_start + (1 + rand_below(pages - 1)) * PAGE_SIZE;
	high = malloc(sizeof(*high));
	*high = *vma;
	high->vm_start = addr;
	vma_set_end(vma, addr);
	vma_link(&mm, high);
	own(high, addr, high->vm_end);
	live[nr_live++] = high;
}

/* Merge as mm/vma.c's vma_merge() does: vma grows over the next VMA, which goes. */
static void merge(struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma_next(vma);

	if (!next || next->vm_start != vma->vm_end)
		return;
	vma_set_end(vma, next->vm_end);
	vma_unlink(next);
	forget(next);
	free(next);
	own(vma, vma->vm_start, vma->vm_end);
}

static void random_change(void)
{
	struct vm_area_struct *vma = nr_live ? live[rand_below(nr_live)] : NULL;
	unsigned long start = rand_below(nr_pages) * PAGE_SIZE;

	switch (vma ? rand_below(8) : 0) {
	case 0:
	case 1:
		try_link(start, (1 + rand_below(rand_below(4) ? 4 : 64)) * PAGE_SIZE);
		break;
	case 2:
		unlink_one(vma);
		break;
	case 3:
		move_end(vma);
		break;
	case 4:
		move_start(vma);
		break;
	case 5:
		split(vma);
		break;
	case 6:
		merge(vma);
		break;
	default:
		vma = vma_next(vma);
		if (vma)
			unlink_one(vma);
		break;
	}
}

HTEST(vma_tree_gaps_and_search_match_brute_force)
{
	static const unsigned long sizes[] = { 24, 64, 256, 1024 };

	nr_bad_gaps = nr_bad_searches = nr_searches = nr_found = 0;
	srand(11);
	for (int layout = 0; layout < 2000; layout++) {
		reset(sizes[layout % 4]);
		for (unsigned long i = 0, n = rand_below(nr_pages / 2); i < n; i++)
			try_link(rand_below(nr_pages) * PAGE_SIZE, (1 + rand_below(4)) * PAGE_SIZE);
		check_all();
		for (int step = 0; step < 40; step++) {
			random_change();
			check_all();
		}
	}
	reset(0);
	HEXPECT_EQ(nr_bad_gaps, 0);
	HEXPECT_EQ(nr_bad_searches, 0);
	/* Both outcomes were seen many times: a search found a range, and none was free. */
	HEXPECT(nr_found > nr_searches / 4 && nr_found < nr_searches * 9 / 10);
}

/*
 * 10,000 VMAs, one page each with a one-page hole above, as a process that maps many
 * small things has: a two-page request passes every hole, and is placed below them all.
 */
HTEST(vma_tree_search_with_10000_vmas)
{
	enum { N = 10000 };
	static struct vm_area_struct vmas[N];
	unsigned long base = MMAP_MIN_ADDR + 64 * PAGE_SIZE;

	memset(&mm, 0, sizeof(mm));
	INIT_LIST_HEAD(&mm.mmap);
	mm.mmap_base = base + 2 * N * PAGE_SIZE;
	for (unsigned long i = 0; i < N; i++) {
		vmas[i].vm_start = base + 2 * i * PAGE_SIZE;
		vmas[i].vm_end = vmas[i].vm_start + PAGE_SIZE;
		vma_link(&mm, &vmas[i]);
	}
	nr_bad_gaps = 0;
	check_gaps(mm.mm_tree.node);
	HEXPECT_EQ(nr_bad_gaps, 0);
	HEXPECT_EQ(find_free_range(&mm, PAGE_SIZE), mm.mmap_base - PAGE_SIZE);
	HEXPECT_EQ(find_free_range(&mm, 2 * PAGE_SIZE), base - 2 * PAGE_SIZE);
	HEXPECT_EQ(find_free_range(&mm, 2 * PAGE_SIZE), linear_free_range(2 * PAGE_SIZE));
	/* The top VMA grows up to mmap_base: a one-page request takes the hole below it. */
	vma_set_end(&vmas[N - 1], vmas[N - 1].vm_end + PAGE_SIZE);
	HEXPECT_EQ(find_free_range(&mm, PAGE_SIZE), vmas[N - 1].vm_start - PAGE_SIZE);
	HEXPECT_EQ(find_free_range(&mm, PAGE_SIZE), linear_free_range(PAGE_SIZE));
	memset(&mm, 0, sizeof(mm));
}
