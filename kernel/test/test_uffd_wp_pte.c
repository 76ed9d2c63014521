/*
 * The uffd-wp mark and the uffd-wp PTE marker (asm/pgtable.h, mm/pte_marker.h), and
 * what the generic paths do with them: a fault over a marker, fork into a child that
 * is not registered, mprotect. The pager itself (messages, waiting) is tested by the
 * user programs userfaultfd_*wp*; here no fault waits.
 */
#include <arch.h>
#include <kernel/task.h>
#include <kernel/test/ktest.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/pte_marker.h>
#include <mm/tlbflush.h>

#define WP_VA (0x30000000UL) /* where each test's VMA starts */
#define READ  (FAULT_FLAG_DEFAULT | FAULT_FLAG_USER)
#define WRITE (READ | FAULT_FLAG_WRITE)

/* A new address space with one anonymous VMA of nr_pages at WP_VA, or NULL. */
static struct vm_area_struct *wp_vma_setup(unsigned long nr_pages, unsigned long vm_flags)
{
	struct mm_struct *mm = mm_alloc();
	int err;

	KEXPECT(mm != NULL);
	if (!mm)
		return NULL;
	err = mmap_region(mm, WP_VA, nr_pages * PAGE_SIZE, vm_flags, NULL, 0);
	KEXPECT_EQ(err, 0);
	if (err) {
		mmput(mm);
		return NULL;
	}
	return vma_lookup(mm, WP_VA);
}

static vm_fault_t wp_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	vm_fault_t ret;

	down_read(&vma->vm_mm->mmap_lock);
	ret = handle_mm_fault(vma, addr, flags);
	up_read(&vma->vm_mm->mmap_lock);
	return ret;
}

static pte_t *wp_pte(struct mm_struct *mm, unsigned long addr)
{
	return walk(mm->pgd, addr, false);
}

/* The mark: read-only, present, the frame kept; clearing keeps it read-only. Only
 * present entries carry it; a marker is a swap entry, neither none nor present. */
KTEST(uffd_wp_pte_mark_and_marker)
{
	struct page *page = alloc_page();
	pte_t pte, wp, marker = make_pte_marker(PTE_MARKER_UFFD_WP);

	KEXPECT(page != NULL);
	if (!page)
		return;
	pte = mk_pte(page_to_phys(page), PAGE_R | PAGE_W | PAGE_U);
	wp = pte_mkuffd_wp(pte);
	KEXPECT(!pte_uffd_wp(pte));
	KEXPECT(pte_uffd_wp(wp) && pte_present(wp));
	KEXPECT(!(pte_prot(wp) & PAGE_W));
	KEXPECT_EQ(pte_pfn(wp), pte_pfn(pte));
	KEXPECT_EQ(pte_prot(wp), pte_prot(pte) & ~PAGE_W);
	KEXPECT(!pte_uffd_wp(pte_clear_uffd_wp(wp)));
	KEXPECT(!(pte_prot(pte_clear_uffd_wp(wp)) & PAGE_W));
	KEXPECT_EQ(pte_mkuffd_wp(0), 0);
	KEXPECT_EQ(pte_mkuffd_wp(marker), marker);

	KEXPECT(pte_is_swap(marker) && !pte_present(marker) && !pte_none(marker));
	KEXPECT(is_pte_marker(marker) && pte_marker_uffd_wp(marker) && pte_none_mostly(marker));
	KEXPECT(!pte_uffd_wp(marker));
	KEXPECT(!is_pte_marker(pte_mkswap(1))); /* the poison marker is another thing */
	KEXPECT(!pte_none_mostly(pte_mkswap(1)) && !pte_none_mostly(wp));
	put_page(page);
}

/* Over a marker, in a VMA registered for WP: a read maps the zero page marked. In a
 * VMA that is not (any more): the marker is an empty PTE, a write maps a writable page. */
KTEST(uffd_wp_fault_over_marker)
{
	struct vm_area_struct *vma = wp_vma_setup(2, VM_READ | VM_WRITE | VM_UFFD_WP);
	struct vm_area_struct *plain;
	pte_t *pte;

	if (!vma)
		return;
	pte = mm_walk_alloc(vma->vm_mm, WP_VA);
	KEXPECT(pte != NULL);
	if (!pte) {
		mmput(vma->vm_mm);
		return;
	}
	set_pte_at(vma->vm_mm, WP_VA, pte, make_pte_marker(PTE_MARKER_UFFD_WP));
	KEXPECT_EQ(wp_fault(vma, WP_VA, READ), 0);
	KEXPECT(pte_uffd_wp(*pte));
	KEXPECT_EQ(pte_pa(*pte), page_to_phys(zero_page));
	KEXPECT(!(pte_prot(*pte) & PAGE_W));
	KEXPECT_EQ(vma->vm_mm->nr_pages, 0);
	mmput(vma->vm_mm);

	plain = wp_vma_setup(1, VM_READ | VM_WRITE);
	if (!plain)
		return;
	pte = mm_walk_alloc(plain->vm_mm, WP_VA);
	KEXPECT(pte != NULL);
	if (pte) {
		set_pte_at(plain->vm_mm, WP_VA, pte, make_pte_marker(PTE_MARKER_UFFD_WP));
		KEXPECT_EQ(wp_fault(plain, WP_VA, WRITE), 0);
		KEXPECT(pte_present(*pte) && !pte_uffd_wp(*pte));
		KEXPECT(pte_prot(*pte) & PAGE_W);
		KEXPECT_EQ(plain->vm_mm->nr_pages, 1);
	}
	mmput(plain->vm_mm);
}

/* fork into an unregistered child: the child's PTE loses the mark and a marker is not
 * copied at all; the parent keeps both. mprotect keeps the mark, through PROT_NONE too. */
KTEST(uffd_wp_fork_and_mprotect)
{
	struct vm_area_struct *vma = wp_vma_setup(2, VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE |
							  VM_UFFD_WP);
	struct mm_struct *child;
	pte_t *pte, *marker;

	if (!vma)
		return;
	KEXPECT_EQ(wp_fault(vma, WP_VA, WRITE), 0); /* a page of its own */
	pte = wp_pte(vma->vm_mm, WP_VA);
	marker = wp_pte(vma->vm_mm, WP_VA + PAGE_SIZE);
	KEXPECT(pte && marker);
	if (!pte || !marker) {
		mmput(vma->vm_mm);
		return;
	}
	set_pte_at(vma->vm_mm, WP_VA, pte, pte_mkuffd_wp(*pte));
	set_pte_at(vma->vm_mm, WP_VA + PAGE_SIZE, marker, make_pte_marker(PTE_MARKER_UFFD_WP));
	flush_tlb_page(vma, WP_VA);

	KEXPECT_EQ(mm_protect(vma->vm_mm, WP_VA, 2 * PAGE_SIZE, VM_READ), 0);
	vma = vma_lookup(vma->vm_mm, WP_VA);
	KEXPECT(pte_uffd_wp(*pte));
	KEXPECT(pte_marker_uffd_wp(*marker));
	KEXPECT_EQ(mm_protect(vma->vm_mm, WP_VA, 2 * PAGE_SIZE, 0), 0); /* PROT_NONE */
	vma = vma_lookup(vma->vm_mm, WP_VA);
	KEXPECT(!pte_present(*pte) && !pte_is_swap(*pte) && pte_uffd_wp(*pte));
	KEXPECT(!pte_uffd_wp(pte_clear_uffd_wp(*pte)));
	KEXPECT_EQ(pte_pfn(pte_clear_uffd_wp(*pte)), pte_pfn(*pte));
	KEXPECT_EQ(mm_protect(vma->vm_mm, WP_VA, 2 * PAGE_SIZE, VM_READ | VM_WRITE), 0);
	vma = vma_lookup(vma->vm_mm, WP_VA);
	KEXPECT(pte_present(*pte) && pte_uffd_wp(*pte) && !(pte_prot(*pte) & PAGE_W));

	child = mm_alloc();
	KEXPECT(child != NULL);
	if (child) {
		pte_t *cpte, *cmarker;

		KEXPECT_EQ(mmap_region(child, WP_VA, 2 * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0), 0);
		KEXPECT_EQ(copy_page_range(child, vma->vm_mm, vma), 0);
		cpte = wp_pte(child, WP_VA);
		cmarker = wp_pte(child, WP_VA + PAGE_SIZE);
		KEXPECT(cpte && pte_present(*cpte) && !pte_uffd_wp(*cpte));
		KEXPECT(cpte && pte_pfn(*cpte) == pte_pfn(*pte));
		KEXPECT(cmarker && pte_none(*cmarker));
		KEXPECT(pte_uffd_wp(*pte) && pte_marker_uffd_wp(*marker));
		mmput(child);
	}
	mmput(vma->vm_mm);
}
