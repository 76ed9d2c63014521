/* Eager filling of anonymous memory (mm/eager_fill.h). */
#include <mm/eager_fill.h>
#include <mm/frame.h>
#include <mm/pgtable.h>
#include <mm/pte_marker.h>
#include <mm/tlbflush.h>

vm_fault_t eager_fill_anon_vma(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int prot = vm_flags_to_prot(vma->vm_flags);

	for (unsigned long va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
		pte_t *pte = mm_walk_alloc(mm, va);
		struct page *page;
		pte_t entry;

		if (!pte)
			return VM_FAULT_OOM;
		if (!pte_none_mostly(*pte))
			continue;
		page = alloc_zeroed_page();
		if (!page)
			return VM_FAULT_OOM;
		entry = mk_pte(page_to_phys(page), prot);
		/* Over a pager's write-protect marker: mapped, and still write-protected. */
		if (pte_marker_uffd_wp(*pte))
			entry = pte_mkuffd_wp(entry);
		set_pte_at(mm, va, pte, entry);
		/* RISC-V may cache "not mapped" too (privileged spec 4.2.1) */
		flush_tlb_page(vma, va);
		mm_inc_rss(mm, page);
	}
	return 0;
}
