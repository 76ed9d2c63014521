/*
 * Changing user PTEs and flushing the TLB, as Linux splits it: set_pte_at() writes an
 * entry and nothing else; flush_tlb_page() drops the stale translation of one page.
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
 * A missing flush is invisible to most tests: under QEMU a page-table switch or a trap
 * often drops the stale entry anyway. With "debug_tlb" on the kernel command line
 * (the test runner's user boots set it), set_pte_at() records every change that needs a
 * flush, flush_tlb_page()/flush_tlb_all() clear it, and returning to user mode with one
 * still recorded is a kernel BUG naming the address and the code that changed the PTE.
 * A page-table switch does not count as a flush here: correct code never relies on one.
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
void debug_tlb_flushed_all(void);
/* On the way to user mode: BUG if a recorded change was never flushed. */
void debug_tlb_check_user_return(void);

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
