/* Changing many PTEs with one TLB flush (see mmu_gather.h). */
#include <mm/frame.h>
#include <mm/mmu_gather.h>
#include <mm/tlbflush.h>

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->start = ~0UL;
	tlb->end = 0;
	tlb->pages = tlb->local;
	tlb->nr = 0;
	tlb->max = MMU_GATHER_BUNDLE;
	tlb->batch = NULL;
}

/* Move pages[] from local[] into a borrowed frame; false if there is none to borrow. */
static bool tlb_grow_batch(struct mmu_gather *tlb)
{
	struct page **pages;

	if (tlb->batch)
		return false; /* already a whole frame's worth */
	tlb->batch = alloc_page();
	if (!tlb->batch)
		return false;
	pages = page_address(tlb->batch);
	for (unsigned int i = 0; i < tlb->nr; i++)
		pages[i] = tlb->local[i];
	tlb->pages = pages;
	tlb->max = PAGE_SIZE / sizeof(struct page *);
	return true;
}

void tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	if (tlb->nr == tlb->max && !tlb_grow_batch(tlb))
		tlb_flush_mmu(tlb); /* no room: flush now, so the frames can go */
	tlb->pages[tlb->nr++] = page;
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (tlb->start < tlb->end) {
		flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end);
		tlb->start = ~0UL;
		tlb->end = 0;
	}
	/* Only now: no TLB entry can lead to these frames any more. */
	for (unsigned int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->nr = 0;
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
	if (tlb->batch)
		put_page(tlb->batch);
	tlb->batch = NULL;
	tlb->pages = tlb->local;
	tlb->max = MMU_GATHER_BUNDLE;
}
