/*
 * Changing many PTEs with one TLB flush (Linux's struct mmu_gather, in small).
 *
 * A loop over a range of PTEs (munmap's zap, fork's write-protection, mprotect) does
 * not flush each PTE as it changes it. It tells the gather which addresses changed
 * (tlb_remove_tlb_entry()) and hands it the frames it unmapped (tlb_remove_page());
 * at the end of each leaf table it calls tlb_flush_mmu(), which flushes the span of
 * changed addresses with one flush_tlb_mm_range() and only then frees those frames:
 *
 *     tlb_gather_mmu(&tlb, mm);
 *     for each leaf table in the range:
 *             for each PTE: set_pte_at(...); tlb_remove_tlb_entry(&tlb, va);
 *                           and, if a frame lost its mapping, tlb_remove_page(&tlb, page);
 *             tlb_flush_mmu(&tlb);
 *             cond_resched();
 *     tlb_finish_mmu(&tlb);
 *
 * The order is the rule of tlbflush.h: a frame is freed only after the flush that
 * drops its last translation, so no stale TLB entry can reach a frame that already
 * holds something else. The flush comes before cond_resched() too: nothing else may
 * run, let alone return to user mode, while a change is unflushed.
 *
 * The frames wait in a small array in the gather itself; when that is full, one frame
 * is borrowed to hold the list (PAGE_SIZE / 8 = 512 pointers: a whole leaf table's
 * worth, so a table's zap needs one flush). If no frame is free for it, the gather
 * flushes whenever its small array is full: more flushes, never a wrong order.
 */
#ifndef MM_MMU_GATHER_H
#define MM_MMU_GATHER_H

#include <mm/page.h>
#include <types.h>

struct mm_struct;

#define MMU_GATHER_BUNDLE 8 /* frames the gather holds without borrowing a frame */

struct mmu_gather {
	struct mm_struct *mm;    /* whose PTEs change */
	unsigned long start;     /* the first page changed since the last flush ... */
	unsigned long end;       /* ... and the end of the last; start >= end: none */
	struct page **pages;     /* frames to free after the flush: local[] or in batch */
	unsigned int nr;         /* frames in pages[] */
	unsigned int max;        /* room in pages[] */
	struct page *batch;      /* the borrowed frame holding pages[], or NULL */
	struct page *local[MMU_GATHER_BUNDLE]; /* pages[] until it outgrows this */
};

/* Start gathering changes to mm's PTEs. */
void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);

/* The PTE of the page at addr took something away: the next flush must cover addr. */
static inline void tlb_remove_tlb_entry(struct mmu_gather *tlb, unsigned long addr)
{
	addr = ALIGN_DOWN(addr, PAGE_SIZE);
	if (addr < tlb->start)
		tlb->start = addr;
	if (addr + PAGE_SIZE > tlb->end)
		tlb->end = addr + PAGE_SIZE;
}

/*
 * A reference to page, whose PTE was just cleared (and given to tlb_remove_tlb_entry()):
 * drop it after the next flush. May flush now if the gather is full.
 */
void tlb_remove_page(struct mmu_gather *tlb, struct page *page);

/* Flush what changed since the last flush (if anything), then free the gathered frames. */
void tlb_flush_mmu(struct mmu_gather *tlb);

/* tlb_flush_mmu(), and give back the frame the gather borrowed. */
void tlb_finish_mmu(struct mmu_gather *tlb);

#endif
