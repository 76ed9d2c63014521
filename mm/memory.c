/*
 * Filling pages in: handle_mm_fault() and the cases it dispatches to, plus the two
 * operations on ranges of page-table entries (zapping and fork's copying).
 *
 * Write permission in a user PTE is only ever set here, by a write fault: every other
 * path (fork, mprotect, read faults) maps pages read-only, so a write to a page that is
 * shared (the zero page, a page-cache page, a page a fork shares) always comes here
 * first and gets its own copy. The exception is shared memory (VM_SHARED): there the
 * write fault makes the page-cache page itself writable, since every mapping of the
 * file is meant to see the write, and fork leaves such a PTE as it is.
 */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/eager_fill.h>
#include <mm/mm.h>
#include <mm/mmu_gather.h>
#include <mm/pte_marker.h>
#include <mm/shmem.h>
#include <mm/tlbflush.h>
#include <mm/userfaultfd.h>

/* The swap-entry value of a poisoned page (madvise(MADV_HWPOISON)). */
#define SWP_HWPOISON 1UL

struct page *zero_page;

void zero_page_init(void)
{
	zero_page = alloc_zeroed_page();
	if (!zero_page)
		panic("no frame for the zero page");
}

static __always_inline bool is_zero_pa(phys_addr_t pa)
{
	return pa == page_to_phys(zero_page);
}

/*
 * Clear one PTE of vma at va. What it held (a frame, or a poison marker) goes to tlb:
 * the frame is freed after the flush that drops its translation. cache_only: leave the
 * PTE alone unless it maps a page of the page cache.
 */
static void zap_pte(struct mmu_gather *tlb, struct vm_area_struct *vma, pte_t *pte,
		    unsigned long va, bool cache_only)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t old = *pte;

	if (pte_none(old))
		return;
	if (cache_only && (pte_is_swap(old) || is_zero_pa(pte_pa(old)) ||
			   !(pfn_to_page(pte_pfn(old))->flags & PG_cache)))
		return; /* a private copy (or a marker): not the file's page */
	set_pte_at(mm, va, pte, 0);
	tlb_remove_tlb_entry(tlb, va);
	if (pte_is_swap(old) || is_zero_pa(pte_pa(old)))
		return; /* a poisoned page's marker, or the zero page: no frame of ours */
	mm_dec_rss(mm, pfn_to_page(pte_pfn(old)));
	tlb_remove_page(tlb, pfn_to_page(pte_pfn(old)));
}

/*
 * zap_page_range(), the PTEs of the page cache only if cache_only. resched: let others
 * run between tables; unmap_mapping_range() says no, since it walks a file's VMAs,
 * which another process could unmap meanwhile.
 */
static void __zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			     bool cache_only, bool resched)
{
	struct mmu_gather tlb;
	unsigned long next;

	tlb_gather_mmu(&tlb, vma->vm_mm);
	/* One leaf table per turn (walk_range), the PTEs in it one after the other. */
	for (unsigned long va = start; va < end && va >= start; va = next) {
		pte_t *pte = walk_range(vma->vm_mm->pgd, va, &next);
		unsigned long stop = MIN(next, end);

		for (; pte && va < stop; va += PAGE_SIZE, pte++)
			zap_pte(&tlb, vma, pte, va, cache_only);
		tlb_flush_mmu(&tlb); /* one flush for the table, then its frames go */
		if (resched)
			cond_resched();
	}
	tlb_finish_mmu(&tlb);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	__zap_page_range(vma, start, end, false, true);
}

void zap_page_range_cache(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	__zap_page_range(vma, start, end, true, true);
}

/*
 * The walk over inode->i_mmap does not sleep: the kernel is not preempted, so no VMA
 * can leave the list under it (Linux holds the file's i_mmap_rwsem instead). The zaps
 * change other processes' page tables without their mmap locks; their faults do not
 * sleep between reading a PTE and setting it, so they never see it change under them.
 */
void unmap_mapping_range(struct inode *inode, u64 start, u64 end, bool even_cows)
{
	unsigned long first = start >> PAGE_SHIFT;
	unsigned long last = end ? (unsigned long)((end - 1) >> PAGE_SHIFT) : ~0UL; /* inclusive */
	struct list_head *pos;

	list_for_each(pos, &inode->i_mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_shared);
		unsigned long vma_last = vma->vm_pgoff + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT) - 1;
		unsigned long from = MAX(first, vma->vm_pgoff), to = MIN(last, vma_last);

		if (from > to)
			continue; /* this mapping shows none of the range */
		__zap_page_range(vma, vma->vm_start + ((from - vma->vm_pgoff) << PAGE_SHIFT),
				 vma->vm_start + ((to + 1 - vma->vm_pgoff) << PAGE_SHIFT), !even_cows,
				 false);
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

/*
 * fork, one PTE: share what src maps at va with dst (dpte), write-protected on both
 * sides; a write permission taken from src goes to tlb to be flushed. Shared memory
 * (shared true: a VM_SHARED VMA) is shared as it is, writable or not: both see every
 * write, which is what MAP_SHARED promises across fork. A user pager's write-protection
 * (uffd-wp mark or marker) goes to the child only if uffd_wp, i.e. the child's VMA is
 * registered for it too (Linux's copy_present_pte and copy_pte_marker); the child's
 * page stays read-only either way. Returns 0, or -ENOMEM if a frame was needed and
 * there was none.
 */
static int copy_pte(struct mmu_gather *tlb, pte_t *dpte, pte_t *spte, unsigned long va,
		    bool shared, bool uffd_wp, long *rss)
{
	pte_t entry = *spte;

	if (pte_marker_uffd_wp(entry) && !uffd_wp)
		return 0; /* the marker maps nothing: the child's page is simply empty */
	if (!pte_is_swap(entry)) {
		phys_addr_t pa = pte_pa(entry);
		struct page *page = is_zero_pa(pa) ? NULL : pfn_to_page(pa >> PAGE_SHIFT);

		/* LAB cow: begin */
		/* Both sides read-only from now on: the first to write gets a copy. */
		if (!shared && pte_present(entry) && (pte_prot(entry) & PAGE_W)) {
			entry = mk_pte(pa, pte_prot(entry) & ~PAGE_W);
			set_pte_at(tlb->mm, va, spte, entry);
			tlb_remove_tlb_entry(tlb, va);
		}
		#if 0 /* LAB cow: student */
		/*
		 * TODO(cow): share a private anonymous page instead of copying it: make the
		 * PTE read-only in src (set_pte_at(), then tlb_remove_tlb_entry() so the TLB
		 * forgets the writable translation) and let the common code below map the
		 * same frame read-only in dst and take a reference on it. The first write on
		 * either side then faults into do_wp_page(). Until then, fork copies every
		 * private anonymous page now, as early Unix did.
		 */
		(void)tlb; /* for the write-protection, with va */
		(void)va;
		if (!shared && page && !(page->flags & PG_cache)) {
			struct page *copy = alloc_page();

			if (!copy)
				return -ENOMEM;
			copy_page(page_address(copy), page_address(page));
			rss[mm_counter(copy)]++;
			*dpte = mk_pte(page_to_phys(copy), pte_present(entry) ? pte_prot(entry) : 0);
			if (uffd_wp && pte_uffd_wp(entry))
				*dpte = pte_mkuffd_wp(*dpte);
			return 0;
		}
		#endif /* LAB cow: end */
		if (page) {
			get_page(page);
			rss[mm_counter(page)]++;
		}
	}
	/* dst is not in use yet: nothing to flush */
	*dpte = uffd_wp ? entry : pte_clear_uffd_wp(entry);
	return 0;
}

/*
 * fork, the PTEs of [va, stop) of src, which all lie in the leaf table whose entry for
 * va is spte: copy_pte() each one into dst, and count the pages dst now maps once for
 * the table. 0, or -ENOMEM if dst's table (or a page, see copy_pte()) can't be made.
 */
static int copy_pte_range(struct mmu_gather *tlb, struct mm_struct *dst, pte_t *spte,
			  unsigned long va, unsigned long stop, bool shared, bool uffd_wp)
{
	long rss[NR_MM_COUNTERS] = { 0 };
	pte_t *dpte = NULL;
	int err = 0;

	for (; va < stop; va += PAGE_SIZE, spte++, dpte = dpte ? dpte + 1 : NULL) {
		if (pte_none(*spte))
			continue;
		/* dst's leaf table for this range, made (and walked to) once. */
		if (!dpte && !(dpte = mm_walk_alloc(dst, va))) {
			err = -ENOMEM;
			break;
		}
		err = copy_pte(tlb, dpte, spte, va, shared, uffd_wp, rss);
		if (err)
			break;
	}
	add_mm_rss_vec(dst, rss);
	return err;
}

int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	struct vm_area_struct *dst_vma = vma_lookup(dst, vma->vm_start);
	bool uffd_wp = dst_vma && (dst_vma->vm_flags & VM_UFFD_WP);
	struct mmu_gather tlb;
	unsigned long next;
	int err = 0;

	tlb_gather_mmu(&tlb, src);
	for (unsigned long va = vma->vm_start; va < vma->vm_end && va >= vma->vm_start && !err;
	     va = next) {
		pte_t *spte = walk_range(src->pgd, va, &next);

		if (spte)
			err = copy_pte_range(&tlb, dst, spte, va, MIN(next, vma->vm_end),
					     vma->vm_flags & VM_SHARED, uffd_wp);
		tlb_flush_mmu(&tlb); /* one flush for what the table write-protected in src */
		cond_resched();
	}
	tlb_finish_mmu(&tlb);
	return err;
}

/*
 * Did the fault find a user pager's uffd-wp marker (an unpopulated page it
 * write-protected), in a VMA still registered for write-protection? Then the page
 * filled in keeps the protection (Linux's vmf_orig_pte_uffd_wp).
 */
static bool vmf_orig_pte_uffd_wp(const struct vm_fault *vmf)
{
	return pte_marker_uffd_wp(vmf->orig_pte) && (vmf->vma->vm_flags & VM_UFFD_WP);
}

/*
 * Map page at vmf->address with prot where no page was mapped, flush the stale "not
 * mapped" entry, and count the page in the mm's resident set (Linux's set_pte_range):
 * the last step of every handler that fills an empty PTE. Over a uffd-wp marker the
 * page is mapped write-protected for the pager.
 */
static void set_new_pte(struct vm_fault *vmf, struct page *page, unsigned int prot)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t entry = mk_pte(page_to_phys(page), prot);

	if (vmf_orig_pte_uffd_wp(vmf))
		entry = pte_mkuffd_wp(entry);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	flush_tlb_page(vma, vmf->address);
	mm_inc_rss(vma->vm_mm, page);
}

/*
 * A fault on a never-touched anonymous page: the zero page for a read, a fresh page for
 * a write. (The user pager's case goes first here: a VM_UFFD_MISSING VMA hands the fault
 * to handle_userfault() instead of filling the page itself.) A page the pager
 * write-protected while unpopulated (a uffd-wp PTE marker, in a VMA still registered for
 * it) keeps the protection: it is mapped read-only with the uffd-wp mark, so that a
 * write faults again, into do_wp_page() and on to the pager (Linux's do_anonymous_page).
 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned int prot = vm_flags_to_prot(vma->vm_flags);
	bool uffd_wp = vmf_orig_pte_uffd_wp(vmf);

	if (userfaultfd_missing(vma))
		return handle_userfault(vmf, VM_UFFD_MISSING);
	/* LAB lazy: begin */
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		pte_t entry = mk_pte(page_to_phys(zero_page), prot & ~PAGE_W);

		vmf->page = zero_page;
		set_pte_at(vma->vm_mm, vmf->address, vmf->pte, uffd_wp ? pte_mkuffd_wp(entry) : entry);
		flush_tlb_page(vma, vmf->address); /* RISC-V may cache "not mapped" too (privileged spec 4.2.1) */
		count_fault_event(nr_zero_page_faults);
		return 0;
	}
	vmf->page = alloc_zeroed_page();
	if (!vmf->page)
		return VM_FAULT_OOM;
	set_new_pte(vmf, vmf->page, prot);
	return 0;
	#if 0 /* LAB lazy: student */
	/*
	 * TODO(lazy): map one page at vmf->address (its PTE is vmf->pte, empty): for a read
	 * (no FAULT_FLAG_WRITE in vmf->flags), the shared zero_page, read-only (a later
	 * write comes back as a write fault on a present read-only page: do_wp_page()); for
	 * a write, a fresh zeroed frame (alloc_zeroed_page()), with the VMA's protections
	 * prot (set_new_pte() maps it and counts it). Keep a user pager's write-protection
	 * (uffd_wp: the PTE was a marker) on the zero page's entry (pte_mkuffd_wp()). Flush
	 * the TLB entry of the address you map: RISC-V may cache "not mapped". Set
	 * vmf->page to the page mapped. Return 0, or VM_FAULT_OOM without a frame.
	 *
	 * Until then, the first fault in an anonymous VMA fills all of it at once with
	 * zeroed frames, as a kernel without demand paging would have at mmap time.
	 */
	(void)prot;
	(void)uffd_wp;
	return eager_fill_anon_vma(vma);
	#endif /* LAB lazy: end */
}

/*
 * The file's page at vmf->pgoff, from the page cache (read in if absent), in vmf->page
 * with a reference for the caller (Linux's __do_fault, whose ->fault is filemap_fault,
 * or shmem_fault for shared memory). Returns 0, VM_FAULT_MAJOR if it had to be read,
 * VM_FAULT_SIGBUS if the page lies wholly past the end of the file (or tmpfs is full),
 * VM_FAULT_OOM, or (shared memory registered with a user pager) handle_userfault()'s
 * VM_FAULT_RETRY, with no page.
 */
static vm_fault_t __do_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_inode;
	bool major;

	if (vmf->pgoff >= ALIGN_UP(inode->size, PAGE_SIZE) >> PAGE_SHIFT)
		return VM_FAULT_SIGBUS; /* wholly past the end of the file */
	if (inode->cache_only)
		return shmem_fault(vmf);
	vmf->page = filemap_get_page(inode, vmf->pgoff, &major);
	if (!vmf->page)
		return VM_FAULT_OOM;
	return major ? VM_FAULT_MAJOR : 0;
}

/* A read of a never-touched page of a private file mapping: map the page cache's page. */
static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned int prot = vm_flags_to_prot(vma->vm_flags);
	vm_fault_t ret = __do_fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_RETRY))
		return ret;
	prot &= ~PAGE_W; /* shared with the cache: read-only until written */
	set_new_pte(vmf, vmf->page, prot);
	return ret;
}

/*
 * A write to a never-touched page of a private file mapping: the writer gets its own
 * copy (vmf->cow_page) of the page cache's page; the cache keeps the file's bytes.
 */
static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned int prot = vm_flags_to_prot(vma->vm_flags);
	vm_fault_t ret = __do_fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_RETRY))
		return ret;
	vmf->cow_page = alloc_page();
	if (!vmf->cow_page) {
		put_page(vmf->page);
		return VM_FAULT_OOM;
	}
	copy_page(page_address(vmf->cow_page), page_address(vmf->page));
	put_page(vmf->page);
	count_fault_event(nr_cow_faults);
	set_new_pte(vmf, vmf->cow_page, prot);
	return ret;
}

/*
 * A write to a never-touched page of a shared mapping (Linux's do_shared_fault): the
 * page cache's page itself is mapped writable, so every mapping of the file and read()
 * see the write. No copy.
 */
static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned int prot = vm_flags_to_prot(vma->vm_flags);
	vm_fault_t ret = __do_fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_RETRY))
		return ret;
	set_new_pte(vmf, vmf->page, prot);
	return ret;
}

/*
 * A fault on a never-touched page of a file mapping (Linux's do_fault): a read maps the
 * cached page read-only; a write maps a private copy (MAP_PRIVATE), or the cached page
 * itself, writable (VM_SHARED).
 */
static vm_fault_t do_fault(struct vm_fault *vmf)
{
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vmf->vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/*
 * A swap entry: the page is not in memory and the PTE says why. Today the only entry is
 * the poison marker (poison_page()): SIGBUS BUS_MCEERR_AR. Any other value names no
 * swap device: SIGBUS. Swap-in goes here: read the page back and map it.
 */
static vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	if (pte_swap_val(vmf->orig_pte) == SWP_HWPOISON)
		return VM_FAULT_HWPOISON | VM_FAULT_SIGBUS;
	return VM_FAULT_SIGBUS;
}

/* Make the read-only page at vmf->address writable where it is (Linux's wp_page_reuse). */
static vm_fault_t wp_page_reuse(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	set_pte_at(vma->vm_mm, vmf->address, vmf->pte,
		   mk_pte(page_to_phys(vmf->page), vm_flags_to_prot(vma->vm_flags)));
	flush_tlb_page(vma, vmf->address);
	return 0;
}

/*
 * Give the writer its own copy of the read-only page vmf->page (a zeroed page if it is
 * the zero page) in vmf->cow_page, mapped writable in its place, and drop the mapping's
 * reference to the old page (Linux's wp_page_copy). 0, or VM_FAULT_OOM.
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *old = vmf->page;
	bool zero = old == zero_page;
	struct page *new = zero ? alloc_zeroed_page() : alloc_page();

	if (!new)
		return VM_FAULT_OOM;
	vmf->cow_page = new;
	if (!zero)
		copy_page(page_address(new), page_address(old));
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte,
		   mk_pte(page_to_phys(new), vm_flags_to_prot(vma->vm_flags)));
	flush_tlb_page(vma, vmf->address); /* the old frame's translation must go */
	if (!zero) {
		mm_dec_rss(vma->vm_mm, old); /* a file page's copy counts as anonymous */
		put_page(old);
	}
	mm_inc_rss(vma->vm_mm, new);
	count_fault_event(nr_cow_faults);
	return 0;
}

/*
 * A write to a present read-only page of a writable VMA. In shared memory (VM_SHARED,
 * Linux's wp_page_shared) the page is the file's: make it writable. In a private
 * mapping, the zero page and a page of the page cache are never written: the writer
 * gets a copy. An anonymous page is copied while another mapping (a fork's other side)
 * still has it, and reused once the writer holds the only reference.
 * (The write-protect pager's case goes first here: a VM_UFFD_WP VMA with the page
 * write-protected hands the fault to handle_userfault().)
 */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	phys_addr_t pa = pte_pa(vmf->orig_pte);
	struct page *old = is_zero_pa(pa) ? zero_page : pfn_to_page(pa >> PAGE_SHIFT);

	if (userfaultfd_pte_wp(vma, vmf->orig_pte))
		return handle_userfault(vmf, VM_UFFD_WP);
	vmf->page = old;
	if (vma->vm_flags & VM_SHARED)
		return wp_page_reuse(vmf);
	if (old == zero_page || (old->flags & PG_cache))
		return wp_page_copy(vmf);
	/* LAB cow: begin */
	if (old->refcount == 1)
		return wp_page_reuse(vmf); /* nobody else has it */
	return wp_page_copy(vmf);
	#if 0 /* LAB cow: student */
	/*
	 * TODO(cow): old is an anonymous page that fork may have shared (copy_pte()). If
	 * another mapping still holds a reference to it (old->refcount), give the writer
	 * its own copy (wp_page_copy()); if the writer's mapping is the only one left,
	 * make the page writable where it is (wp_page_reuse()). Until then, every such
	 * page is reused, which is right only while fork copies every page.
	 */
	return wp_page_reuse(vmf);
	#endif /* LAB cow: end */
}

/*
 * What the PTE holds decides what the fault needs (Linux's handle_pte_fault). Read it as
 * a table, top to bottom; the first row that matches handles the fault:
 *
 *   PTE (vmf->orig_pte)          access            handler
 *   ---------------------------  ----------------  --------------------------------------
 *   none (or a PTE marker),
 *     anonymous VMA              read / write      do_anonymous_page: zero page / new page
 *   none, file VMA               read              do_fault: do_read_fault (page cache, r/o)
 *   none, file VMA, private      write             do_fault: do_cow_fault (a copy)
 *   none, file VMA, VM_SHARED    write             do_fault: do_shared_fault (the cache's page)
 *   swap entry                   any               do_swap_page: hwpoison -> SIGBUS
 *   not present, not swap        any               VM_FAULT_SIGSEGV (defensive, see below)
 *   present, read-only           write             do_wp_page: copy on write, or reuse
 *                                                  (uffd-wp mark: the pager first)
 *                                                  (VM_SHARED: always the same page)
 *   present, anything else       any               spurious: flush the stale TLB entry
 *
 * Later features each add one case inside a row, not a new path: the user pager
 * (handle_userfault() for a VM_UFFD_MISSING VMA) at the top of do_anonymous_page;
 * swap-in in do_swap_page; the write-protect pager (uffd-wp, VM_UFFD_WP) at the top of
 * do_wp_page.
 *
 * Access is the VMA's business: the caller has already checked it against vm_flags
 * (with ARCH_EXEC_IMPLIES_READ for a read of an exec-only page), and nothing here asks
 * again. A PTE is made from its VMA's flags, minus write until a write comes, so once
 * the VMA allows an access, a present PTE either lacks write for a write (do_wp_page)
 * or already allows it: the fault came from a stale TLB entry (Intel SDM vol. 3A 4.10.4;
 * RISC-V privileged spec 4.2.1, where even "not mapped" may be cached).
 *
 * The defensive row cannot happen unless the kernel left a PTE behind its VMA: a
 * PROT_NONE PTE (not present, the frame kept) is refused by the caller's VMA check,
 * since only a PROT_NONE VMA has one. In Linux such a PTE in an accessible VMA is a
 * NUMA-balancing hint (do_numa_page restores the VMA's protection), which Faultline does
 * not have; returning 0 would repeat the fault forever, so it fails with SIGSEGV.
 */
static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	pte_t entry = vmf->orig_pte;

	if (pte_none_mostly(entry))
		return vmf->vma->vm_inode ? do_fault(vmf) : do_anonymous_page(vmf);
	if (pte_is_swap(entry))
		return do_swap_page(vmf);
	if (!pte_present(entry))
		return VM_FAULT_SIGSEGV;
	if ((vmf->flags & FAULT_FLAG_WRITE) && !(pte_prot(entry) & PAGE_W))
		return do_wp_page(vmf);
	flush_tlb_page(vmf->vma, vmf->address);
	return 0;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = ALIGN_DOWN(addr, PAGE_SIZE),
		.real_address = addr,
		.flags = flags,
		.pgoff = vma->vm_pgoff + ((ALIGN_DOWN(addr, PAGE_SIZE) - vma->vm_start) >> PAGE_SHIFT),
	};

	if (fault_retry_injected(vma, addr, flags))
		return VM_FAULT_RETRY; /* a debug knob says: as if this had to wait (fault.h) */

	vmf.pte = mm_walk_alloc(vma->vm_mm, vmf.address);
	if (!vmf.pte)
		return VM_FAULT_OOM; /* no frame for a page table */
	vmf.orig_pte = *vmf.pte;
	return handle_pte_fault(&vmf);
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
