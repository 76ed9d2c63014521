/*
 * The user pager's write-protect mode (Linux's uffd-wp: mm/userfaultfd.c's
 * mwriteprotect_range and uffd_wp_range, fs/userfaultfd.c's userfaultfd_writeprotect).
 *
 * A range registered with UFFDIO_REGISTER_MODE_WP lets the pager write-protect pages:
 * UFFDIO_WRITEPROTECT with MODE_WP makes each present page read-only and gives its PTE
 * the uffd-wp mark (pte_mkuffd_wp(), a software bit of the arch's PTE). A later write to
 * such a page faults as copy on write would, and do_wp_page() hands it to
 * handle_userfault(vmf, VM_UFFD_WP): the pager reads a message with
 * UFFD_PAGEFAULT_FLAG_WP | UFFD_PAGEFAULT_FLAG_WRITE, saves what it needs (a snapshot
 * copies the page), and clears the protection with UFFDIO_WRITEPROTECT mode 0, which
 * wakes the writer; its retried fault then finds the mark gone and makes the page
 * writable as any write fault does.
 *
 * The mark is only in present PTEs. A page never populated has no PTE to carry it, so
 * without UFFD_FEATURE_WP_UNPOPULATED a write there is an ordinary fault; with it, the
 * protect leaves a PTE marker (mm/pte_marker.h) that the page's first fault turns into
 * a write-protected page.
 */
#include <errno.h>
#include <kernel/sched.h>
#include <mm/mm.h>
#include <mm/mmu_gather.h>
#include <mm/pte_marker.h>
#include <mm/tlbflush.h>
#include <mm/uaccess.h>
#include <mm/userfaultfd.h>
#include <mm/vma_tree.h>
#include <uapi/userfaultfd.h>

/* Does enabling protection in vma leave markers on unpopulated pages (Linux's
 * userfaultfd_wp_use_markers)? Anonymous memory of a pager that asked for it. */
static bool userfaultfd_wp_use_markers(const struct vm_area_struct *vma)
{
	const struct userfaultfd_ctx *ctx = vma->vm_userfaultfd_ctx;

	return ctx && !vma->vm_inode && (ctx->features & UFFD_FEATURE_WP_UNPOPULATED);
}

/* The new value of one PTE: protected or not, marker or mark. */
static pte_t uffd_wp_pte(pte_t pte, bool enable_wp, bool markers)
{
	if (enable_wp) {
		if (pte_none(pte) && markers)
			return make_pte_marker(PTE_MARKER_UFFD_WP);
		return pte_mkuffd_wp(pte);
	}
	if (pte_marker_uffd_wp(pte))
		return 0;
	return pte_clear_uffd_wp(pte);
}

int uffd_wp_range(struct vm_area_struct *vma, unsigned long start, unsigned long len,
		  bool enable_wp)
{
	struct mm_struct *mm = vma->vm_mm;
	bool markers = enable_wp && userfaultfd_wp_use_markers(vma);
	unsigned long end = start + len, next;
	struct mmu_gather tlb;
	int err = 0;

	tlb_gather_mmu(&tlb, mm);
	/* One leaf table per turn, as every range walk; markers need the table to exist. */
	for (unsigned long va = start; va < end; va = next) {
		pte_t *pte = walk_range(mm->pgd, va, &next);
		unsigned long stop;

		if (!pte && markers) {
			if (!mm_walk_alloc(mm, va)) {
				err = -ENOMEM;
				break;
			}
			pte = walk_range(mm->pgd, va, &next);
		}
		for (stop = MIN(next, end); pte && va < stop; va += PAGE_SIZE, pte++) {
			pte_t new = uffd_wp_pte(*pte, enable_wp, markers);

			if (new == *pte)
				continue;
			set_pte_at(mm, va, pte, new);
			tlb_remove_tlb_entry(&tlb, va); /* a writable entry may be cached */
		}
		tlb_flush_mmu(&tlb);
		cond_resched();
	}
	tlb_finish_mmu(&tlb);
	return err;
}

/*
 * Protect or unprotect every VMA of [start, start + len) (Linux's mwriteprotect_range):
 * each must be registered for write-protection, else -ENOENT (as for a range with no VMA
 * at all), the VMAs before it done already; -EAGAIN while a non-cooperative event
 * changes the address space. Holes in the range are skipped.
 */
static long mwriteprotect_range(struct userfaultfd_ctx *ctx, unsigned long start,
				unsigned long len, bool enable_wp)
{
	struct mm_struct *mm = ctx->mm;
	unsigned long end = start + len;
	struct vm_area_struct *vma;
	long err;

	/* For writing: no fault may be between reading a PTE and setting it meanwhile. */
	mmap_write_lock(mm);
	err = -EAGAIN;
	if (__atomic_load_n(&ctx->mmap_changing, __ATOMIC_ACQUIRE))
		goto out_unlock;
	err = -ENOENT;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(vma)) {
		unsigned long from = MAX(start, vma->vm_start), to = MIN(end, vma->vm_end);

		if (!(vma->vm_flags & VM_UFFD_WP)) {
			err = -ENOENT;
			break;
		}
		err = uffd_wp_range(vma, from, to - from, enable_wp);
		if (err)
			break;
	}
out_unlock:
	mmap_write_unlock(mm);
	return err;
}

/*
 * UFFDIO_WRITEPROTECT: mode UFFDIO_WRITEPROTECT_MODE_WP protects the range; mode 0
 * unprotects it and wakes the writers waiting there, unless MODE_DONTWAKE (which with
 * MODE_WP is -EINVAL, as any other mode bit). 0, or the errors of validate_range() and
 * mwriteprotect_range(), -EFAULT, -ESRCH once the address space is gone.
 */
long userfaultfd_writeprotect(struct userfaultfd_ctx *ctx, struct uffdio_writeprotect __user *arg)
{
	struct uffdio_writeprotect uwp;
	bool mode_wp, mode_dontwake;
	long ret;

	if (__atomic_load_n(&ctx->mmap_changing, __ATOMIC_ACQUIRE))
		return -EAGAIN;
	if (copy_from_user(&uwp, arg, sizeof(uwp)))
		return -EFAULT;
	ret = validate_range(uwp.range.start, uwp.range.len);
	if (ret)
		return ret;
	if (uwp.mode & ~(u64)(UFFDIO_WRITEPROTECT_MODE_DONTWAKE | UFFDIO_WRITEPROTECT_MODE_WP))
		return -EINVAL;
	mode_wp = uwp.mode & UFFDIO_WRITEPROTECT_MODE_WP;
	mode_dontwake = uwp.mode & UFFDIO_WRITEPROTECT_MODE_DONTWAKE;
	if (mode_wp && mode_dontwake)
		return -EINVAL;
	if (!mmget_not_zero(ctx->mm))
		return -ESRCH;
	ret = mwriteprotect_range(ctx, uwp.range.start, uwp.range.len, mode_wp);
	mmput(ctx->mm);
	if (ret)
		return ret;
	if (!mode_wp && !mode_dontwake)
		wake_userfault(ctx, uwp.range.start, uwp.range.len);
	return 0;
}
