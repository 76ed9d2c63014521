/*
 * mremap(): resize a mapping, and move it if asked or if it has to (Linux's semantics;
 * Linux's mm/mremap.c is the reference for the rules).
 *
 *   - Same size: nothing happens (not even a check that the range is one VMA).
 *   - Shrinking: the tail [addr+new_len, addr+old_len) is unmapped where it is.
 *   - Growing: in place if the range ends where its VMA ends and the space after it is
 *     free (the VMA grows, and merges with the next one if that continues it); otherwise
 *     only with MREMAP_MAYMOVE, by moving to a free range of new_len bytes.
 *   - MREMAP_FIXED: move to new_addr, unmapping whatever was there first.
 *   - MREMAP_DONTUNMAP: move, but the old range stays mapped, empty: its pages went with
 *     the move, so anonymous memory reads as zeros there again, a file mapping the file.
 *   - old_len 0: a second mapping of the same shared pages (shared mappings only).
 *
 * Moving never copies a page. The page-table entries themselves go to the new address
 * (move_page_tables(), Linux's name): each frame keeps its contents, its reference and
 * its place in the resident-set counters, and a page written before the move is the
 * very same frame after it. Then the old range is unmapped as munmap() would (it is
 * empty by then), which frees the page tables left mapping nothing.
 *
 * Locked VMAs (VM_LOCKED) count their pages in mm->locked_vm: growth adds to it (within
 * RLIMIT_MEMLOCK, else EAGAIN) and the new pages are faulted in at once, so a locked
 * range stays resident.
 */
#include <errno.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/mlock.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/mmu_gather.h>
#include <mm/tlbflush.h>
#include <mm/userfaultfd.h>
#include <uapi/mremap.h>

#define LEAF_TABLE_SPAN (PTRS_PER_TABLE * PAGE_SIZE) /* what one leaf table maps */

/*
 * The most VMAs a process may have (vm.max_map_count), signed: the checks below keep a
 * margin under it, and under a limit lowered to 0, 1 or 2 that margin must be
 * negative (every move refused, as in Linux, whose sysctl is an int), not wrap to a
 * huge unsigned number that lets every move through.
 */
static long max_map_count(void)
{
	return sysctl_max_map_count;
}

/* One mremap() call, as it is worked out (Linux's struct vma_remap_struct, in small). */
struct mremap_req {
	struct mm_struct *mm;
	unsigned long addr;      /* the old range's start */
	unsigned long old_len;   /* page-aligned */
	unsigned long new_len;   /* page-aligned, not 0 */
	unsigned long flags;     /* MREMAP_* */
	unsigned long new_addr;  /* where the range went (or is asked to go) */
	struct vm_area_struct *vma; /* the VMA holding addr */
	bool populate;           /* a locked range grew: fault its new pages in */
	/* The user pagers' events, sent once the lock is dropped (userfaultfd_events.c):
	 * UNMAP of what MREMAP_FIXED replaced, REMAP of the move, UNMAP of what went. */
	struct list_head uf_unmap_early;
	struct userfaultfd_ctx *uf;
	struct list_head uf_unmap;
};

/* The leaf PTE of va, where last (the PTE of last_va, or NULL) may save a walk. */
static pte_t *next_dst_pte(struct mm_struct *mm, pte_t *last, unsigned long last_va,
			   unsigned long va)
{
	if (last && ALIGN_DOWN(last_va, LEAF_TABLE_SPAN) == ALIGN_DOWN(va, LEAF_TABLE_SPAN))
		return last + ((va - last_va) >> PAGE_SHIFT);
	return mm_walk_alloc(mm, va);
}

/*
 * Move the PTEs of [old_addr, old_addr+len) of mm to new_addr (a range with no PTE in
 * use, not overlapping the old one): what each entry holds (a frame, the zero page, a
 * poison marker, a PROT_NONE page) goes unchanged, and the old entry is cleared. One TLB
 * flush per old leaf table (the frames are still in use, only their old address goes).
 * Returns how many bytes from old_addr were moved: len, or less if a page table for
 * the new place could not be made (out of frames).
 */
static unsigned long move_page_tables(struct mm_struct *mm, unsigned long old_addr,
				      unsigned long new_addr, unsigned long len)
{
	unsigned long old_end = old_addr + len, next, dst_va = 0;
	pte_t *dst = NULL;
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm);
	for (unsigned long va = old_addr; va < old_end; va = next) {
		pte_t *src = walk_range(mm->pgd, va, &next);
		unsigned long stop = MIN(next, old_end);

		for (; src && va < stop; va += PAGE_SIZE, src++) {
			unsigned long to = new_addr + (va - old_addr);
			pte_t entry = *src;

			if (pte_none(entry))
				continue;
			dst = next_dst_pte(mm, dst, dst_va, to);
			dst_va = to;
			if (!dst) {
				tlb_finish_mmu(&tlb);
				return va - old_addr;
			}
			set_pte_at(mm, va, src, 0);
			tlb_remove_tlb_entry(&tlb, va);
			set_pte_at(mm, to, dst, entry); /* was none: nothing to flush there */
		}
		tlb_flush_mmu(&tlb);
		cond_resched();
	}
	tlb_finish_mmu(&tlb);
	return len;
}

/*
 * May a VMA with vm_flags get len more bytes of memory that may all be written
 * privately? Linux charges those (VM_ACCOUNT) and, by its default overcommit rule,
 * refuses more than the machine could ever give at once; mmap() asks the same.
 */
static bool may_charge(unsigned long vm_flags, unsigned long len)
{
	if ((vm_flags & (VM_WRITE | VM_SHARED)) != VM_WRITE)
		return true; /* read-only or shared: never private copies */
	return (len >> PAGE_SHIFT) <= nr_managed_frames();
}

/*
 * len more bytes of a VMA with vm_flags mapped. mm->locked_vm counts them by itself (the
 * VMA tree keeps it as VMAs are linked and resized); a locked VMA's new pages are faulted
 * in once the call is done.
 */
static void mremap_account(struct mremap_req *req, unsigned long vm_flags, unsigned long len)
{
	(void)len;
	if (vm_flags & VM_LOCKED)
		req->populate = !(vm_flags & VM_LOCKONFAULT); /* that one fills by faults */
}

/*
 * May req's range be resized or moved as asked (Linux's remap_is_valid)? 0, or -EINVAL
 * (duplicating a private mapping, DONTUNMAP of a VMA that may not expand, a file offset
 * that would overflow), -EFAULT (the range leaves its VMA, or a VM_DONTEXPAND VMA would
 * grow), -EAGAIN (past RLIMIT_MEMLOCK) or -ENOMEM (past RLIMIT_AS).
 */
static long remap_is_valid(struct mremap_req *req)
{
	struct vm_area_struct *vma = req->vma;
	unsigned long delta = req->new_len - req->old_len, pgoff;

	if (!req->old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return -EINVAL; /* a private copy of nothing: Linux refuses it */
	if ((req->flags & MREMAP_DONTUNMAP) && (vma->vm_flags & VM_DONTEXPAND))
		return -EINVAL;
	if (req->old_len > vma->vm_end - req->addr)
		return -EFAULT; /* the range does not lie in one VMA */
	if (req->new_len == req->old_len)
		return 0;
	pgoff = vma->vm_pgoff + ((req->addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (req->new_len >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	if (vma->vm_flags & VM_DONTEXPAND)
		return -EFAULT;
	if (!mlock_future_ok(req->mm, vma->vm_flags, delta))
		return -EAGAIN;
	if (!may_expand_vm(req->mm, delta))
		return -ENOMEM;
	return 0;
}

/*
 * Move [addr, addr+old_len) of req->vma to req->new_addr (free), as new_len bytes
 * (Linux's move_vma). The old range is unmapped after, unless MREMAP_DONTUNMAP: then
 * it stays, empty and no longer locked. Returns the new address or -ENOMEM.
 */
static long move_vma(struct mremap_req *req)
{
	struct mm_struct *mm = req->mm;
	struct vm_area_struct *vma = req->vma, *new_vma;
	unsigned long pgoff = vma->vm_pgoff + ((req->addr - vma->vm_start) >> PAGE_SHIFT);
	unsigned long vm_flags = vma->vm_flags, moved;

	/* Unmapping the old range may split a VMA in three: keep room for that. */
	if ((long)mm->map_count >= max_map_count() - 3)
		return -ENOMEM;
	/* What the move adds: the growth, or with DONTUNMAP, a whole new mapping. */
	if (!may_charge(vm_flags, (req->flags & MREMAP_DONTUNMAP) ? req->new_len :
				  req->new_len - req->old_len))
		return -ENOMEM;
	new_vma = copy_vma(vma, req->new_addr, req->new_len, pgoff);
	if (!new_vma)
		return -ENOMEM;
	moved = move_page_tables(mm, req->addr, req->new_addr, req->old_len);
	if (moved < req->old_len) {
		/* Out of frames for a table: put back what moved, and undo the new VMA. */
		move_page_tables(mm, req->new_addr, req->addr, moved);
		mm_unmap(mm, req->new_addr, req->new_len);
		return -ENOMEM;
	}
	mremap_account(req, vm_flags, req->new_len);
	mremap_userfaultfd_prep(new_vma, req->new_addr, req->new_addr + req->new_len, &req->uf);
	if (!req->old_len) {
		/* A second mapping of shared pages: the first stays as it was. */
	} else if (req->flags & MREMAP_DONTUNMAP) {
		/* The old range keeps its VMA, but nothing in it is locked any more. */
		vma = vma_lookup(mm, req->addr);
		if (vm_flags & VM_LOCKED_MASK) /* locked_vm follows the flags */
			vma_modify_flags(vma, req->addr, req->addr + req->old_len,
					 vm_flags & ~VM_LOCKED_MASK);
	} else if (!userfaultfd_unmap_prep(mm, req->addr, req->addr + req->old_len, &req->uf_unmap)) {
		mm_unmap(mm, req->addr, req->old_len); /* its PTEs are gone: only VMAs and tables */
	}
	return (long)req->new_addr;
}

/*
 * Unmap the tail [start, start+len) a shrink gives up, as munmap() would (its pagers
 * hear of it): -EINVAL if it reaches past user space (a huge old length), else
 * mm_unmap()'s answer.
 */
static long unmap_tail(struct mremap_req *req, unsigned long start, unsigned long len)
{
	long err;

	if (start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	if ((err = userfaultfd_unmap_prep(req->mm, start, start + len, &req->uf_unmap)))
		return err;
	return mm_unmap(req->mm, start, len);
}

/* Is [start, end) a non-empty range of user space with nothing mapped in it? */
static bool room_for(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	return end > start && end <= TASK_SIZE && range_is_free(mm, start, end);
}

/*
 * Grow req's range in place, if it ends where its VMA ends and the space after is free
 * (Linux's vrm_can_expand_in_place and expand_vma_in_place). 1 if it did, 0 if it
 * cannot (a move may), -ENOMEM if it could but the memory may not be promised.
 */
static long expand_in_place(struct mremap_req *req)
{
	struct vm_area_struct *vma = req->vma;
	unsigned long delta = req->new_len - req->old_len, vm_flags = vma->vm_flags;

	if (vma->vm_end != req->addr + req->old_len ||
	    !room_for(req->mm, vma->vm_end, vma->vm_end + delta))
		return 0;
	if (!may_charge(vm_flags, delta))
		return -ENOMEM;
	vma_merge_extend(vma, delta);
	mremap_account(req, vm_flags, delta);
	req->new_addr = req->addr;
	return 1;
}

/* mremap() without a new address: resize where it is, or move anywhere (MAYMOVE). */
static long mremap_at(struct mremap_req *req)
{
	long err;

	if (req->new_len == req->old_len)
		return (long)req->addr;
	if (req->new_len < req->old_len) {
		err = unmap_tail(req, req->addr + req->new_len, req->old_len - req->new_len);
		return err ? err : (long)req->addr;
	}
	if ((err = remap_is_valid(req)))
		return err;
	if ((err = expand_in_place(req)))
		return err < 0 ? err : (long)req->addr;
	if (!(req->flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	req->new_addr = find_free_range(req->mm, req->new_len);
	if (!req->new_addr)
		return -ENOMEM;
	return move_vma(req);
}

/*
 * mremap() to a new address: MREMAP_FIXED (exactly there, unmapping what is there) or
 * MREMAP_DONTUNMAP alone (new_addr is a hint). Linux's mremap_to().
 */
static long mremap_to(struct mremap_req *req)
{
	struct mm_struct *mm = req->mm;
	long err;

	if (req->new_len > TASK_SIZE || req->new_addr > TASK_SIZE - req->new_len)
		return -EINVAL;
	if (req->addr + req->old_len > req->new_addr && req->new_addr + req->new_len > req->addr)
		return -EINVAL; /* the old and new ranges overlap */
	if (req->flags & MREMAP_FIXED) {
		if (req->new_addr < MMAP_MIN_ADDR)
			return -EPERM; /* as mmap(MAP_FIXED) there */
		if ((err = userfaultfd_unmap_prep(mm, req->new_addr, req->new_addr + req->new_len,
						  &req->uf_unmap_early)) ||
		    (err = mm_unmap(mm, req->new_addr, req->new_len)))
			return err;
		/* Unmapping may have cut the old range's VMA: find it again. */
		if (!(req->vma = vma_lookup(mm, req->addr)))
			return -EFAULT;
	}
	if (req->new_len < req->old_len) {
		if ((err = unmap_tail(req, req->addr + req->new_len, req->old_len - req->new_len)))
			return err;
		req->old_len = req->new_len;
		if (!(req->vma = vma_lookup(mm, req->addr)))
			return -EFAULT;
	}
	if ((err = remap_is_valid(req)))
		return err;
	if ((req->flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, req->old_len))
		return -ENOMEM; /* the old range stays: the move adds a whole mapping */
	if (!(req->flags & MREMAP_FIXED) &&
	    (req->new_addr < MMAP_MIN_ADDR || !room_for(mm, req->new_addr, req->new_addr + req->new_len)) &&
	    !(req->new_addr = find_free_range(mm, req->new_len)))
		return -ENOMEM;
	return move_vma(req);
}

/* Fault in [start, start+len) of a locked range that grew, as mlock() would have. */
static void populate_locked(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	for (unsigned long addr = start; addr < start + len; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = vma_lookup(mm, addr);
		unsigned int flags = vma && (vma->vm_flags & VM_WRITE) ? FAULT_FLAG_WRITE : 0;

		if (!vma || fatal_signal_pending(current) || fixup_user_fault(mm, addr, flags, NULL))
			break; /* as Linux's mm_populate() here: failures are not reported */
		cond_resched();
	}
}

/*
 * Check mremap's arguments that need no VMA (Linux's check_mremap_params): 0, -EINVAL,
 * or -ENOMEM when a move could leave too many VMAs.
 */
static long check_mremap_params(struct mremap_req *req)
{
	if (req->flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if (req->addr % PAGE_SIZE)
		return -EINVAL;
	if (!ALIGN_UP(req->new_len, PAGE_SIZE))
		return -EINVAL; /* 0, or so large that it wraps */
	if (!(req->flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)))
		return 0;
	if (req->new_addr % PAGE_SIZE || !(req->flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((req->flags & MREMAP_DONTUNMAP) && req->old_len != req->new_len)
		return -EINVAL;
	/* Both VMAs could be cut in three before the move could fail: refuse that early. */
	if ((long)req->mm->map_count + 2 >= max_map_count() - 3)
		return -ENOMEM;
	return 0;
}

long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
	       unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct mremap_req req = {
		.mm = mm, .addr = addr, .old_len = old_len, .new_len = new_len,
		.flags = flags, .new_addr = new_addr,
	};
	long ret = check_mremap_params(&req);

	if (ret)
		return ret;
	INIT_LIST_HEAD(&req.uf_unmap_early);
	INIT_LIST_HEAD(&req.uf_unmap);
	req.old_len = ALIGN_UP(old_len, PAGE_SIZE);
	req.new_len = ALIGN_UP(new_len, PAGE_SIZE);
	mmap_write_lock(mm);
	req.vma = vma_lookup(mm, addr);
	if (!req.vma)
		ret = -EFAULT;
	else if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		ret = mremap_to(&req);
	else
		ret = mremap_at(&req);
	mmap_write_unlock(mm);
	if (ret >= 0 && req.populate && req.new_len > req.old_len) {
		mmap_read_lock(mm);
		populate_locked(mm, req.new_addr + req.old_len, req.new_len - req.old_len);
		mmap_read_unlock(mm);
	}
	userfaultfd_unmap_complete(&req.uf_unmap_early);
	mremap_userfaultfd_complete(&req.uf, addr, ret, req.old_len);
	userfaultfd_unmap_complete(&req.uf_unmap);
	return ret;
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	return do_mremap(current->mm, addr, old_len, new_len, flags, new_addr);
}
