/*
 * Range operations flush the TLB once per leaf table, not once per page (mm/mmu_gather.h):
 * munmap's zap, fork's write-protection and mprotect, counted with nr_tlb_flush_range
 * and nr_tlb_flush_page; and the gather frees a frame only after its flush.
 */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/test/ktest.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/mmu_gather.h>
#include <mm/tlbflush.h>

#define TABLE_SPAN (PTRS_PER_TABLE * PAGE_SIZE) /* what one leaf table maps: 2 MiB */
#define ONE_TABLE  0x40000000UL                  /* a leaf table's first page */
#define TWO_TABLES (ONE_TABLE + TABLE_SPAN - 8 * PAGE_SIZE) /* 8 pages each side of a table edge */

/* Flushes made since the snapshot was taken. */
struct flush_count {
	unsigned long page, range;
};

static struct flush_count flushes_now(void)
{
	return (struct flush_count){ nr_tlb_flush_page, nr_tlb_flush_range };
}

static struct flush_count flushes_since(struct flush_count before)
{
	return (struct flush_count){ nr_tlb_flush_page - before.page,
				     nr_tlb_flush_range - before.range };
}

/*
 * A new address space with one anonymous read-write VMA of nr_pages at start, every
 * page written (so each PTE maps a frame of its own, writable); NULL on failure.
 */
static struct mm_struct *populated_mm(unsigned long start, unsigned long nr_pages)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	KEXPECT(mm != NULL);
	if (!mm)
		return NULL;
	KEXPECT_EQ(mmap_region(mm, start, nr_pages * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0), 0);
	vma = vma_lookup(mm, start);
	KEXPECT(vma != NULL);
	if (!vma) {
		mmput(mm);
		return NULL;
	}
	mmap_read_lock(mm);
	for (unsigned long i = 0; i < nr_pages; i++)
		KEXPECT_EQ(handle_mm_fault(vma, start + i * PAGE_SIZE,
					   FAULT_FLAG_DEFAULT | FAULT_FLAG_USER | FAULT_FLAG_WRITE), 0);
	mmap_read_unlock(mm);
	KEXPECT_EQ(mm->nr_pages, nr_pages);
	return mm;
}

/* The PTE that maps addr in mm (0 if there is no table for it). */
static pte_t pte_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = walk(mm->pgd, addr, false);

	return pte ? *pte : 0;
}

/* munmap() of nr_pages at start, all written: flush counts, and everything given back. */
static void check_unmap(unsigned long start, unsigned long nr_pages, unsigned long nr_tables)
{
	unsigned long frames = nr_free_frames();
	struct mm_struct *mm = populated_mm(start, nr_pages);
	struct flush_count n, before;

	if (!mm)
		return;
	before = flushes_now();
	KEXPECT_EQ(mm_unmap(mm, start, nr_pages * PAGE_SIZE), 0);
	n = flushes_since(before);
	KEXPECT_EQ(n.range, nr_tables);
	KEXPECT_EQ(n.page, 0);
	KEXPECT_EQ(mm->nr_pages, 0);
	KEXPECT_EQ(mm->nr_pgtables, 1); /* free_pgtables() took all but the root */
	mmput(mm);
	KEXPECT_EQ(nr_free_frames(), frames);
}

/* munmap of pages in one leaf table: one range flush; in two tables: two. */
KTEST(mmu_gather_munmap_flushes_once_per_table)
{
	check_unmap(ONE_TABLE, 16, 1);
	check_unmap(TWO_TABLES, 16, 2);
	/* A whole table's frames fit the gather's borrowed frame: still one flush. */
	check_unmap(ONE_TABLE, PTRS_PER_TABLE, 1);
}

/* fork write-protects the parent's pages with one range flush per leaf table. */
KTEST(mmu_gather_fork_flushes_once_per_table)
{
	unsigned long frames = nr_free_frames();
	struct mm_struct *parent = populated_mm(TWO_TABLES, 16), *child;
	struct flush_count n, before;

	if (!parent)
		return;
	before = flushes_now();
	child = mm_copy(parent);
	n = flushes_since(before);
	KEXPECT(child != NULL);
	KEXPECT_EQ(n.range, 2);
	KEXPECT_EQ(n.page, 0);
	for (unsigned long va = TWO_TABLES; child && va < TWO_TABLES + 16 * PAGE_SIZE;
	     va += PAGE_SIZE) {
		KEXPECT_EQ(pte_prot(pte_at(parent, va)) & PAGE_W, 0);
		KEXPECT_EQ(pte_at(child, va), pte_at(parent, va));
	}
	if (child)
		mmput(child);
	mmput(parent);
	KEXPECT_EQ(nr_free_frames(), frames);
}

/* mprotect of pages in two leaf tables: two range flushes. */
KTEST(mmu_gather_mprotect_flushes_once_per_table)
{
	unsigned long frames = nr_free_frames();
	struct mm_struct *mm = populated_mm(TWO_TABLES, 16);
	struct flush_count n, before;

	if (!mm)
		return;
	before = flushes_now();
	KEXPECT_EQ(mm_protect(mm, TWO_TABLES, 16 * PAGE_SIZE, VM_READ), 0);
	n = flushes_since(before);
	KEXPECT_EQ(n.range, 2);
	KEXPECT_EQ(n.page, 0);
	KEXPECT_EQ(pte_prot(pte_at(mm, TWO_TABLES)) & PAGE_W, 0);
	mmput(mm);
	KEXPECT_EQ(nr_free_frames(), frames);
}

/*
 * The gather keeps every frame handed to it, past its small array (it borrows a frame
 * for the list), until tlb_flush_mmu(): one flush, and only then are they freed.
 */
KTEST(mmu_gather_frees_only_after_flush)
{
	enum { NR = MMU_GATHER_BUNDLE + 4 };
	unsigned long frames = nr_free_frames();
	struct mm_struct *mm = mm_alloc();
	struct page *pages[NR];
	struct mmu_gather tlb;
	struct flush_count before;
	int freed = 0;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	for (int i = 0; i < NR; i++) {
		pages[i] = alloc_page();
		KEXPECT(pages[i] != NULL);
		if (!pages[i])
			return;
	}
	before = flushes_now();
	tlb_gather_mmu(&tlb, mm);
	for (int i = 0; i < NR; i++) {
		tlb_remove_tlb_entry(&tlb, ONE_TABLE + i * PAGE_SIZE);
		tlb_remove_page(&tlb, pages[i]);
	}
	for (int i = 0; i < NR; i++)
		freed += !!(pages[i]->flags & PG_free);
	KEXPECT_EQ(freed, 0);
	KEXPECT_EQ(flushes_since(before).range, 0);
	tlb_flush_mmu(&tlb);
	KEXPECT_EQ(flushes_since(before).range, 1);
	for (int i = 0; i < NR; i++)
		KEXPECT(pages[i]->flags & PG_free);
	tlb_finish_mmu(&tlb); /* nothing left to flush: no second flush */
	KEXPECT_EQ(flushes_since(before).range, 1);
	mmput(mm);
	KEXPECT_EQ(nr_free_frames(), frames);
}

/*
 * The rule the gather keeps, broken on purpose: a page's PTE cleared and its frame
 * freed before any flush. debug_tlb (on for every test boot) must stop it at the free,
 * naming the frame, not later at the return to user mode, by which time the frame could
 * already hold someone else's data.
 */
CRASH_TEST(tlb_frame_freed_before_flush, EXIT_PANIC,
	   "freed before the TLB flush of its last translation")
{
	struct mm_struct *mm = populated_mm(ONE_TABLE, 1);
	pte_t *pte = mm ? walk(mm->pgd, ONE_TABLE, false) : NULL;
	struct page *page;

	if (!pte)
		return;
	page = pfn_to_page(pte_pfn(*pte));
	set_pte_at(mm, ONE_TABLE, pte, 0);
	put_page(page); /* no flush_tlb_page() first */
}
