/*
 * Changing user PTEs and flushing the TLB, as Linux splits it: set_pte_at() writes an
 * entry and nothing else; flush_tlb_page() drops the stale translation of one page,
 * flush_tlb_range() those of a range. A loop over many PTEs (munmap, fork, mprotect)
 * changes a leaf table's entries first and flushes them with one flush_tlb_range()
 * after, through struct mmu_gather (mm/mmu_gather.h), not one flush per page.
 *
 * The rule: a change that takes something away (the page itself, or a permission: the
 * write bit at fork or mprotect, a frame replaced by copy-on-write) must be flushed
 * before the CPU can use the entry again, i.e. before anything returns to user mode.
 * The TLB may still hold the old entry until then (Intel SDM vol. 3A, 4.10.4; RISC-V
 * privileged spec 4.2.1, sfence.vma), and a stale writable or old-frame entry lets a
 * process write where it no longer may. A change that only adds (a page where there was
 * none, write permission on the same frame) may go unflushed: the worst a stale entry
 * can do then is fault once more, and handle_mm_fault() flushes that case.
 *
 * Freeing a page table (free_pgtables()) takes away everything below it at once, and
 * the hardware may cache the entries of the tables on the way down, not only leaves
 * (Intel SDM vol. 3A 4.10.3, paging-structure caches; RISC-V privileged spec 4.2.1,
 * where sfence.vma with an address need not drop a non-leaf entry). So a freed table
 * needs flush_tlb_pgtables(), which flush_tlb_page() does not replace, and it must come
 * before the table's frame is freed: reused as a page, it would otherwise be walked
 * as a table.
 *
 * A frame that a PTE mapped may be freed only after the flush that drops its last
 * translation: until then a stale entry still reaches it, and the frame may already
 * hold someone else's data. So a loop that unmaps pages keeps their frames until its
 * flush (struct mmu_gather, as Linux), and frees them after.
 *
 * A missing flush is invisible to most tests: under QEMU a page-table switch or a trap
 * often drops the stale entry anyway. With "debug_tlb" on the kernel command line
 * (the test runner sets it for every test boot), set_pte_at() records every change that
 * needs a flush, flush_tlb_page()/flush_tlb_range()/flush_tlb_all() clear it, and
 * returning to user mode with one still recorded is a kernel BUG naming the address and
 * the code that changed the PTE; so is freeing a frame whose old translation is still
 * recorded. A page-table switch does not count as a flush here: correct code never
 * relies on one.
 */
#ifndef MM_TLBFLUSH_H
#define MM_TLBFLUSH_H

#include <arch.h>
#include <mm/pgtable.h>
#include <mm/mm.h>

struct mm_struct;
struct vm_area_struct;

/* Read the command line: is "debug_tlb" on? */
void debug_tlb_init(void);
/* Record old -> new at addr in mm, changed at file:line, if it needs a flush (debug_tlb only). */
void debug_tlb_pte_changed(struct mm_struct *mm, unsigned long addr, pte_t old, pte_t new,
			   const char *file, int line);
/* Record that tables of mm mapping from start were freed, at file:line (debug_tlb only). */
void debug_tlb_pgtables_freed(struct mm_struct *mm, unsigned long start, const char *file,
			      int line);
/* The tables of mm in [start, end) were flushed: forget what was recorded for them. */
void debug_tlb_pgtables_flushed(struct mm_struct *mm, unsigned long start, unsigned long end);
/* addr in mm (or everything) was flushed: forget what was recorded for it (not tables). */
void debug_tlb_flushed(struct mm_struct *mm, unsigned long addr);
/* [start, end) in mm was flushed: forget what was recorded for it (not tables). */
void debug_tlb_flushed_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void debug_tlb_flushed_all(void);
/* On the way to user mode: BUG if a recorded change was never flushed. */
void debug_tlb_check_user_return(void);
/* The frame at pa is being freed: BUG if a recorded, unflushed change unmapped it. */
void debug_tlb_frame_freed(phys_addr_t pa);

/*
 * Flushes so far, for tests that show a range operation flushes once per leaf table,
 * not once per page: calls of flush_tlb_page(), and of flush_tlb_range() and
 * flush_tlb_mm_range() (one each, however many pages the range holds).
 */
extern unsigned long nr_tlb_flush_page;
extern unsigned long nr_tlb_flush_range;

/* Write a user PTE of mm at addr (Linux's set_pte_at). Does not flush: see above. */
#define set_pte_at(mm, addr, ptep, pte) __set_pte_at(mm, addr, ptep, pte, __FILE__, __LINE__)

static inline void __set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte,
				const char *file, int line)
{
	debug_tlb_pte_changed(mm, addr, *ptep, pte, file, line);
	*ptep = pte;
}

/*
 * Drop the TLB's translation of the page at addr in vma's address space. One CPU, no
 * ASIDs or PCIDs: the TLB holds only the active address space's entries (a switch drops
 * the rest), so flushing addr on this CPU is enough whichever space vma is in.
 */
static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	arch_flush_tlb_page(addr);
	debug_tlb_flushed(vma->vm_mm, addr);
	nr_tlb_flush_page++;
}

/*
 * Drop the TLB's translations of the pages in [start, end) (page-aligned) of mm's
 * address space; on this CPU, whichever space mm is, as flush_tlb_page(). The arch
 * flushes page by page up to a ceiling, and everything beyond it (Linux's
 * flush_tlb_mm_range and tlb_single_page_flush_ceiling).
 */
static inline void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
				      unsigned long end)
{
	arch_flush_tlb_range(start, end);
	debug_tlb_flushed_range(mm, start, end);
	nr_tlb_flush_range++;
}

/* flush_tlb_mm_range() of vma's address space (Linux's flush_tlb_range). */
static inline void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
				   unsigned long end)
{
	flush_tlb_mm_range(vma->vm_mm, start, end);
}

/*
 * Drop what the TLB may cache of mm's page tables that mapped [start, end), after they
 * were unlinked and before their frames are freed (see above). As flush_tlb_page(): on
 * this CPU, whichever address space mm is.
 */
static inline void flush_tlb_pgtables(struct mm_struct *mm, unsigned long start,
				      unsigned long end)
{
	arch_flush_tlb_pgtables(start, end);
	debug_tlb_pgtables_flushed(mm, start, end);
}

/* Drop every translation (Linux's flush_tlb_all). */
static inline void flush_tlb_all(void)
{
	arch_flush_tlb_all();
	debug_tlb_flushed_all();
}

#endif
