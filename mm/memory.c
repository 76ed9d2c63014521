/*
 * Filling pages in: handle_mm_fault() and the cases it dispatches to, plus the two
 * operations on ranges of page-table entries (zapping and fork's copying).
 *
 * Write permission in a user PTE is only ever set here, by a write fault: every other
 * path (fork, mprotect, read faults) maps pages read-only, so a write to a page that is
 * shared (the zero page, a page-cache page, a page a fork shares) always comes here
 * first and gets its own copy.
 */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/ramfs.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/tlbflush.h>

/* The swap-entry value of a poisoned page (madvise(MADV_HWPOISON)). */
#define SWP_HWPOISON 1UL

struct page *zero_page;

void zero_page_init(void)
{
	zero_page = alloc_zeroed_page();
	if (!zero_page)
		panic("no frame for the zero page");
}

static bool is_zero_pa(phys_addr_t pa)
{
	return pa == page_to_phys(zero_page);
}

/* Clear one PTE of vma at va and drop what it held (a frame, or a poison marker). */
static void zap_pte(struct vm_area_struct *vma, pte_t *pte, unsigned long va)
{
	struct mm_struct *mm = vma->vm_mm;
	phys_addr_t pa;

	if (pte_none(*pte))
		return;
	if (pte_is_swap(*pte)) {
		set_pte_at(mm, va, pte, 0); /* a poisoned page's marker: no frame behind it */
		flush_tlb_page(vma, va);
		return;
	}
	pa = pte_pa(*pte);
	set_pte_at(mm, va, pte, 0);
	flush_tlb_page(vma, va);
	if (!is_zero_pa(pa)) {
		put_page(pfn_to_page(pa >> PAGE_SHIFT));
		mm->nr_pages--;
	}
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long next;

	/* One leaf table per turn (walk_range), the PTEs in it one after the other. */
	for (unsigned long va = start; va < end && va >= start; va = next) {
		pte_t *pte = walk_range(vma->vm_mm->pgd, va, &next);
		unsigned long stop = MIN(next, end);

		cond_resched();
		for (; pte && va < stop; va += PAGE_SIZE, pte++)
			zap_pte(vma, pte, va);
	}
}

void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *next = find_vma(mm, start), *prev;
	unsigned long floor, ceiling, nr_freed;
	struct list_head *pos, *tmp;
	LIST_HEAD(freed);

	if (next)
		prev = vma_prev(next);
	else
		prev = list_empty(&mm->mmap) ? NULL :
		       list_entry(mm->mmap.prev, struct vm_area_struct, vm_list);
	floor = prev ? prev->vm_end : 0;
	ceiling = next ? next->vm_start : PGTABLE_USER_END;
	nr_freed = free_pgd_range(mm->pgd, start, end, floor, ceiling, &freed);
	if (!nr_freed)
		return;
	debug_tlb_pgtables_freed(mm, start, __FILE__, __LINE__);
	/* Flush first, then free: no cached entry may lead into a reused frame. */
	flush_tlb_pgtables(mm, floor, ceiling);
	list_for_each_safe(pos, tmp, &freed) {
		list_del(pos);
		put_page(list_entry(pos, struct page, list));
	}
	mm_account_pgtables(mm, -(long)nr_freed);
}

/* fork, one PTE: share what src maps at va with dst (dpte), write-protected on both sides. */
static void copy_pte(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma,
		     pte_t *dpte, pte_t *spte, unsigned long va)
{
	if (!pte_is_swap(*spte)) {
		phys_addr_t pa = pte_pa(*spte);

		if (!is_zero_pa(pa)) {
			get_page(pfn_to_page(pa >> PAGE_SHIFT));
			mm_inc_rss(dst);
		}
		/* Both sides read-only from now on: the first to write gets a copy. */
		if (pte_present(*spte) && (pte_prot(*spte) & PAGE_W)) {
			set_pte_at(src, va, spte, mk_pte(pa, pte_prot(*spte) & ~PAGE_W));
			flush_tlb_page(vma, va);
		}
	}
	*dpte = *spte; /* dst is not in use yet: nothing to flush */
}

int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	unsigned long next;

	for (unsigned long va = vma->vm_start; va < vma->vm_end && va >= vma->vm_start; va = next) {
		pte_t *spte = walk_range(src->pgd, va, &next), *dpte = NULL;
		unsigned long stop = MIN(next, vma->vm_end);

		cond_resched();
		for (; spte && va < stop; va += PAGE_SIZE, spte++, dpte = dpte ? dpte + 1 : NULL) {
			if (pte_none(*spte))
				continue;
			/* dst's leaf table for this range, made (and walked to) once. */
			if (!dpte && !(dpte = mm_walk_alloc(dst, va)))
				return -ENOMEM;
			copy_pte(dst, src, vma, dpte, spte, va);
		}
	}
	return 0;
}

/* A fault on a never-touched anonymous page: the zero page for a read, a fresh page for a write. */
static vm_fault_t do_anonymous_page(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
				    unsigned int flags)
{
	unsigned int prot = vm_flags_to_prot(vma->vm_flags);
	struct page *page;

	if (!(flags & FAULT_FLAG_WRITE)) {
		set_pte_at(vma->vm_mm, addr, pte, mk_pte(page_to_phys(zero_page), prot & ~PAGE_W));
		flush_tlb_page(vma, addr); /* RISC-V may cache "not mapped" too (privileged spec 4.2.1) */
		current->faults.zero_page++;
		vm_events.zero_page++;
		return 0;
	}
	page = alloc_zeroed_page();
	if (!page)
		return VM_FAULT_OOM;
	set_pte_at(vma->vm_mm, addr, pte, mk_pte(page_to_phys(page), prot));
	flush_tlb_page(vma, addr);
	mm_inc_rss(vma->vm_mm);
	return 0;
}

/* A fault on a never-touched page of a private file mapping: through the page cache. */
static vm_fault_t do_file_fault(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
				unsigned int flags)
{
	struct inode *inode = vma->vm_file;
	unsigned long index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	unsigned int prot = vm_flags_to_prot(vma->vm_flags);
	struct page *page, *copy;
	bool major;

	if (index >= ALIGN_UP(inode->size, PAGE_SIZE) >> PAGE_SHIFT)
		return VM_FAULT_SIGBUS; /* wholly past the end of the file */
	page = filemap_get_page(inode, index, &major);
	if (!page)
		return VM_FAULT_OOM;
	if (flags & FAULT_FLAG_WRITE) {
		/* Private: the writer gets its own copy; the cache keeps the file's bytes. */
		copy = alloc_page();
		if (!copy) {
			put_page(page);
			return VM_FAULT_OOM;
		}
		memcpy(page_address(copy), page_address(page), PAGE_SIZE);
		put_page(page);
		page = copy;
		current->faults.cow++;
		vm_events.cow++;
	} else {
		prot &= ~PAGE_W; /* shared with the cache: read-only until written */
	}
	set_pte_at(vma->vm_mm, addr, pte, mk_pte(page_to_phys(page), prot));
	flush_tlb_page(vma, addr);
	mm_inc_rss(vma->vm_mm);
	return major ? VM_FAULT_MAJOR : 0;
}

/* A write to a present read-only page of a writable VMA: copy on write, or reuse. */
static vm_fault_t do_wp_page(struct vm_area_struct *vma, pte_t *pte, unsigned long addr)
{
	phys_addr_t pa = pte_pa(*pte);
	unsigned int prot = vm_flags_to_prot(vma->vm_flags);
	struct page *old = pfn_to_page(pa >> PAGE_SHIFT), *new;

	if (!is_zero_pa(pa) && old->refcount == 1 && !(old->flags & PG_cache)) {
		set_pte_at(vma->vm_mm, addr, pte, mk_pte(pa, prot)); /* nobody else has it: reuse */
		flush_tlb_page(vma, addr);
		return 0;
	}
	new = is_zero_pa(pa) ? alloc_zeroed_page() : alloc_page();
	if (!new)
		return VM_FAULT_OOM;
	if (!is_zero_pa(pa))
		memcpy(page_address(new), page_address(old), PAGE_SIZE);
	set_pte_at(vma->vm_mm, addr, pte, mk_pte(page_to_phys(new), prot));
	flush_tlb_page(vma, addr); /* the old frame's translation must go */
	if (is_zero_pa(pa))
		mm_inc_rss(vma->vm_mm);
	else
		put_page(old);
	current->faults.cow++;
	vm_events.cow++;
	return 0;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	pte_t *pte;

	if (fault_retry_injected(vma, addr, flags))
		return VM_FAULT_RETRY; /* a debug knob says: as if this had to wait (fault.h) */
	pte = mm_walk_alloc(vma->vm_mm, addr);

	addr = ALIGN_DOWN(addr, PAGE_SIZE);
	if (!pte)
		return VM_FAULT_OOM; /* no frame for a page table */
	if (pte_none(*pte))
		return vma->vm_file ? do_file_fault(vma, pte, addr, flags) :
				      do_anonymous_page(vma, pte, addr, flags);
	if (pte_is_swap(*pte))
		return pte_swap_val(*pte) == SWP_HWPOISON ? VM_FAULT_HWPOISON | VM_FAULT_SIGBUS :
							    VM_FAULT_SIGBUS;
	if (!pte_present(*pte))
		return VM_FAULT_SIGSEGV; /* PROT_NONE: the VMA check should have caught it */
	if ((flags & FAULT_FLAG_WRITE) && !(pte_prot(*pte) & PAGE_W))
		return do_wp_page(vma, pte, addr);
	/* A present page that still does not allow the access: no amount of retrying helps. */
	if (((flags & FAULT_FLAG_INSTRUCTION) && !(pte_prot(*pte) & PAGE_X)) ||
	    (!(flags & (FAULT_FLAG_WRITE | FAULT_FLAG_INSTRUCTION)) && !(pte_prot(*pte) & PAGE_R)))
		return VM_FAULT_SIGSEGV;
	flush_tlb_page(vma, addr); /* already fine: a stale TLB entry */
	return 0;
}

/* Mark the page at addr of vma poisoned: its frame goes, any access is SIGBUS. */
void poison_page(struct vm_area_struct *vma, unsigned long addr)
{
	pte_t *pte = mm_walk_alloc(vma->vm_mm, addr);

	if (!pte)
		return;
	zap_page_range(vma, addr, addr + PAGE_SIZE);
	set_pte_at(vma->vm_mm, addr, pte, pte_mkswap(SWP_HWPOISON));
	flush_tlb_page(vma, addr);
}
