/*
 * madvise(): advice about a range, with Linux's semantics. Every value Linux's
 * madvise_behavior_valid() accepts is accepted here (for a kernel with KSM and with
 * memory-failure handling, without transparent huge pages, as Linux 6.12); any other is
 * EINVAL. What each one does:
 *
 *   advice                       here
 *   ---------------------------  ------------------------------------------------------
 *   NORMAL, RANDOM, SEQUENTIAL   set or clear VM_RAND_READ / VM_SEQ_READ (hints only)
 *   DONTFORK, DOFORK             set or clear VM_DONTCOPY: fork's child lacks the range
 *   WIPEONFORK, KEEPONFORK       set or clear VM_WIPEONFORK: fork's child gets zeros
 *                                (private anonymous memory only, else EINVAL)
 *   DONTDUMP, DODUMP             set or clear VM_DONTDUMP (no core dumps yet)
 *   HUGEPAGE, NOHUGEPAGE         set VM_HUGEPAGE / VM_NOHUGEPAGE (no huge pages anyway)
 *   MERGEABLE, UNMERGEABLE       set or clear VM_MERGEABLE (KSM's merging never runs)
 *   WILLNEED                     read a file mapping's pages into the page cache
 *   DONTNEED (DONTNEED_LOCKED)   drop the pages: the next touch sees zeros or the file
 *   FREE                         drop private anonymous pages now (Linux may keep them
 *                                until memory is short; zeros after is one of its
 *                                outcomes too); EINVAL for any other memory
 *   REMOVE                       shared memory's: punch a hole in the backing file
 *   COLD, PAGEOUT                0: there is no swap to put pages out to
 *   POPULATE_READ, _WRITE        fault the range in (GUP's)
 *   HWPOISON, SOFT_OFFLINE       poison the pages / retire their frames (root only)
 *
 * Advice that changes vm_flags applies to [start, end) only: a VMA is split at the
 * range's edges, and merged again with equal neighbours after, as mprotect() does. A
 * split that fails (out of memory, or at vm.max_map_count) is EAGAIN, as in Linux.
 * A range with holes in it gets the advice on its mapped parts and then ENOMEM.
 */
#include <errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/gup.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/shmem.h>
#include <mm/uaccess.h>
#include <mm/userfaultfd.h>
#include <uapi/abi.h>
#include <uapi/madvise.h>
#include <uapi/memfd.h>

/* Is advice one Linux accepts (Linux's madvise_behavior_valid)? */
static bool madvise_behavior_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_DONTNEED_LOCKED: case MADV_FREE: case MADV_REMOVE:
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_MERGEABLE: case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_COLD: case MADV_PAGEOUT:
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
	case MADV_HWPOISON: case MADV_SOFT_OFFLINE:
		return true;
	default:
		return false; /* MADV_COLLAPSE needs huge pages; the guard advice is Linux 6.13's */
	}
}

/* Does the caller hold CAP_SYS_ADMIN (root's, while its effective uid is 0)? */
static bool capable_sys_admin(void)
{
	return cred_capable(&current->cred);
}

/*
 * MADV_HWPOISON and MADV_SOFT_OFFLINE, as Linux's madvise_inject_error(): root only
 * (EPERM), then page by page, the page is reached as a read from the kernel would reach
 * it (fixup_user_fault(): no VMA or no read access is EFAULT, no memory ENOMEM), and
 * only then poisoned. The first page that cannot be reached ends the call with its
 * error; the pages before it stay poisoned. Soft-offlining would move the page to a
 * fresh frame and retire the old one: with no frame ever suspect here, the page stays.
 */
static long madvise_inject_error(struct mm_struct *mm, unsigned long start, unsigned long end,
				 int advice)
{
	long err = 0;

	if (!capable_sys_admin())
		return -EPERM;
	mmap_write_lock(mm);
	for (unsigned long addr = start; addr < end && !err; addr += PAGE_SIZE) {
		cond_resched();
		if (fatal_signal_pending(current))
			err = -EINTR; /* dying: the rest does not matter */
		else if (!(err = fixup_user_fault(mm, addr, 0, NULL)) && advice == MADV_HWPOISON)
			poison_page(vma_lookup(mm, addr), addr);
	}
	mmap_write_unlock(mm);
	return err;
}

/*
 * MADV_REMOVE on one VMA's [start, end) (Linux's madvise_remove): the file's bytes
 * behind it are freed, as fallocate(FALLOC_FL_PUNCH_HOLE) would, so every mapping of
 * them reads zeros. Only shared memory mapped writable-capable: EINVAL for anonymous or
 * locked memory, EACCES for a mapping that is not VM_SHARED with VM_MAYWRITE.
 */
static long madvise_remove(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	u64 offset;

	if ((vma->vm_flags & VM_LOCKED) || !vma->vm_inode)
		return -EINVAL;
	if ((vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) != (VM_SHARED | VM_MAYWRITE))
		return -EACCES;
	if (!userfaultfd_remove(vma, start, end, false)) {
		/* The pager has heard (the lock was dropped meanwhile): the range again. */
		mmap_read_lock(current->mm);
		vma = vma_lookup(current->mm, start);
		if (!vma)
			return -ENOMEM;
		end = MIN(end, vma->vm_end);
		if ((vma->vm_flags & VM_LOCKED) || !vma->vm_inode)
			return -EINVAL;
		if ((vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) != (VM_SHARED | VM_MAYWRITE))
			return -EACCES;
	}
	if (!vma->vm_inode->cache_only)
		return -EOPNOTSUPP; /* only shared memory can have holes punched */
	if (vma->vm_inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM; /* a sealed memfd's bytes stay (shmem_fallocate's check) */
	offset = ((u64)vma->vm_pgoff << PAGE_SHIFT) + (start - vma->vm_start);
	shmem_punch_hole(vma->vm_inode, offset, offset + (end - start));
	return 0;
}

/* madvise_remove() VMA by VMA over [start, end); a hole is ENOMEM once the rest is done. */
static long madvise_remove_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	long err = 0, unmapped = 0;
	unsigned long stop;

	mmap_read_lock(mm);
	for (unsigned long a = start; a < end && !err;) {
		struct vm_area_struct *vma = find_vma(mm, a);

		if (!vma || vma->vm_start >= end) {
			unmapped = -ENOMEM;
			break;
		}
		if (vma->vm_start > a)
			unmapped = -ENOMEM;
		a = MAX(a, vma->vm_start);
		stop = MIN(end, vma->vm_end);
		err = madvise_remove(vma, a, stop); /* may look up a shorter VMA at a */
		a = stop;
	}
	mmap_read_unlock(mm);
	return err ?: unmapped;
}

/*
 * MADV_POPULATE_READ/WRITE (Linux's madvise_populate): fault the range in as the CPU's
 * reads or writes would, through GUP (faultin_page_range(), mm/gup.h), without the write
 * lock. Linux's answers: ENOMEM for a hole, EINVAL where the VMA does not allow the
 * access (PROT_NONE; a write to a read-only mapping), EFAULT where the fault fails
 * (SIGBUS), EHWPOISON for a poisoned page, EINTR for a fatal signal.
 */
static long madvise_populate(struct mm_struct *mm, unsigned long start, unsigned long end,
			     int advice)
{
	if (end > TASK_SIZE)
		return -ENOMEM;
	return faultin_page_range(mm, start, end, advice == MADV_POPULATE_WRITE);
}

/*
 * The vm_flags vma gets from advice (the flag-changing advice only) in *new_flags; 0,
 * or -EINVAL where Linux refuses the advice for this kind of mapping.
 */
static long madvise_new_flags(const struct vm_area_struct *vma, int advice,
			      unsigned long *new_flags)
{
	unsigned long flags = vma->vm_flags;

	switch (advice) {
	case MADV_NORMAL:
		flags &= ~(unsigned long)(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_SEQUENTIAL:
		flags = (flags & ~(unsigned long)VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_RANDOM:
		flags = (flags & ~(unsigned long)VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_DONTFORK:
		flags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		flags &= ~(unsigned long)VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		if (vma->vm_inode || (flags & (VM_SHARED | VM_MAYSHARE)))
			return -EINVAL; /* only private anonymous memory can be wiped */
		flags |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		flags &= ~(unsigned long)VM_WIPEONFORK;
		break;
	case MADV_DONTDUMP:
		flags |= VM_DONTDUMP;
		break;
	case MADV_DODUMP:
		flags &= ~(unsigned long)VM_DONTDUMP;
		break;
	case MADV_HUGEPAGE:
		flags = (flags & ~(unsigned long)VM_NOHUGEPAGE) | VM_HUGEPAGE;
		break;
	case MADV_NOHUGEPAGE:
		flags = (flags & ~(unsigned long)VM_HUGEPAGE) | VM_NOHUGEPAGE;
		break;
	case MADV_MERGEABLE:
		/* Linux's KSM takes only private memory: elsewhere the advice changes nothing. */
		if (!(flags & (VM_SHARED | VM_MAYSHARE | VM_DONTEXPAND)))
			flags |= VM_MERGEABLE;
		break;
	case MADV_UNMERGEABLE:
		flags &= ~(unsigned long)VM_MERGEABLE;
		break;
	}
	*new_flags = flags;
	return 0;
}

/*
 * MADV_WILLNEED: read the pages of a file mapping's [start, end) that the file has.
 * Shared memory has nothing to read: its pages are in memory or are holes, and a hole
 * stays one (Linux only brings swapped-out shared pages back, and Faultline has no swap).
 * Filling holes here would also make pages behind tmpfs's page count (shmem_get_page()
 * is the only place that counts them), and a later hole punch or truncate would take
 * them off that count again: it would wrap, and every tmpfs file, memfd and shared
 * anonymous mapping in the system would be full.
 */
static void madvise_willneed(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long first = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	unsigned long last = first + ((end - start) >> PAGE_SHIFT);
	unsigned long file_pages;
	bool major;

	if (!vma->vm_inode || vma->vm_inode->cache_only)
		return; /* anonymous memory is all in memory already (no swap), so is shmem */
	file_pages = ALIGN_UP(vma->vm_inode->size, PAGE_SIZE) >> PAGE_SHIFT;
	for (unsigned long index = first; index < MIN(last, file_pages); index++) {
		struct page *page = filemap_get_page(vma->vm_inode, index, &major);

		if (!page)
			return; /* out of memory: advice, not a promise */
		put_page(page);
		cond_resched();
	}
}

/*
 * Apply advice to [start, end) of vma (inside it). vma may be split or merged: the
 * caller looks the next VMA up again. 0 or -errno.
 */
static long madvise_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			int advice)
{
	unsigned long new_flags;
	long err;

	switch (advice) {
	case MADV_WILLNEED:
		madvise_willneed(vma, start, end);
		return 0;
	case MADV_FREE:
		if (vma->vm_inode || (vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
			return -EINVAL; /* only private anonymous memory can be freed so */
		/* fall through */
	case MADV_DONTNEED:
		if (vma->vm_flags & VM_LOCKED)
			return -EINVAL; /* locked pages stay (MADV_DONTNEED_LOCKED drops them) */
		/* fall through */
	case MADV_DONTNEED_LOCKED:
		zap_page_range(vma, start, end);
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:
		return (vma->vm_flags & VM_LOCKED) ? -EINVAL : 0;
	}
	if ((err = madvise_new_flags(vma, advice, &new_flags)))
		return err;
	if (!vma_modify_flags(vma, start, end, new_flags))
		return -EAGAIN; /* a split failed: Linux says try again */
	return 0;
}

/*
 * DONTNEED, DONTNEED_LOCKED and FREE tell vma's user pager before the pages of
 * [start, *stop) go (UFFD_EVENT_REMOVE, Linux's order: after the check that refuses a
 * locked VMA). Sending drops the write lock; it is taken again and the VMA at start
 * looked up anew, *stop clipped to it. Returns the VMA to advise, or NULL if nothing is
 * mapped at start any more.
 */
static struct vm_area_struct *madvise_notify_remove(struct vm_area_struct *vma, unsigned long start,
						    unsigned long *stop, int advice)
{
	struct mm_struct *mm = vma->vm_mm;

	if (advice != MADV_DONTNEED && advice != MADV_DONTNEED_LOCKED && advice != MADV_FREE)
		return vma;
	if (advice != MADV_DONTNEED_LOCKED && (vma->vm_flags & VM_LOCKED))
		return vma; /* refused below, and nothing goes */
	if (userfaultfd_remove(vma, start, *stop, true))
		return vma;
	mmap_write_lock(mm);
	vma = vma_lookup(mm, start);
	if (vma)
		*stop = MIN(*stop, vma->vm_end);
	return vma;
}

long sys_madvise(unsigned long addr, unsigned long len, int advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = addr + ALIGN_UP(len, PAGE_SIZE);
	struct vm_area_struct *vma;
	long err = 0, unmapped = 0;
	bool read_only;

	if (!madvise_behavior_valid(advice))
		return -EINVAL;
	if (addr % PAGE_SIZE || end < addr || ALIGN_UP(len, PAGE_SIZE) < len)
		return -EINVAL;
	if (advice == MADV_HWPOISON || advice == MADV_SOFT_OFFLINE)
		return madvise_inject_error(mm, addr, end, advice); /* beyond user space: EFAULT */
	if (advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE)
		return madvise_populate(mm, addr, end, advice);
	if (end > TASK_SIZE)
		return -ENOMEM; /* nothing is mapped beyond user space (Linux says ENOMEM) */
	if (advice == MADV_REMOVE)
		return madvise_remove_range(mm, addr, end);
	/* Advice that changes no VMA takes the lock for reading (Linux's
	 * madvise_need_mmap_write()): WILLNEED reads a file in page by page, letting others
	 * run, and the process's other threads may fault meanwhile. */
	read_only = advice == MADV_WILLNEED || advice == MADV_COLD || advice == MADV_PAGEOUT;
	if (read_only)
		mmap_read_lock(mm);
	else
		mmap_write_lock(mm);
	/* VMA by VMA: holes cost nothing to step over, and make the answer ENOMEM. */
	for (unsigned long a = addr; a < end && !err; ) {
		unsigned long stop;

		vma = find_vma(mm, a);
		if (!vma || vma->vm_start >= end) {
			unmapped = -ENOMEM; /* part of the range is not mapped (Linux says ENOMEM) */
			break;
		}
		if (vma->vm_start > a) {
			unmapped = -ENOMEM;
			a = vma->vm_start;
		}
		stop = MIN(end, vma->vm_end);
		if (!(vma = madvise_notify_remove(vma, a, &stop, advice))) {
			unmapped = -ENOMEM; /* unmapped while the pager read its event */
			break;
		}
		err = madvise_vma(vma, a, stop, advice);
		a = stop;
	}
	if (read_only)
		mmap_read_unlock(mm);
	else
		mmap_write_unlock(mm);
	return err ? err : unmapped;
}
