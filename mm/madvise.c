/*
 * madvise(): advice about a range that changes what is mapped (MADV_DONTNEED drops the
 * pages, MADV_HWPOISON poisons them) or nothing at all (the hints).
 */
#include <errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/gup.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/shmem.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

/*
 * MADV_HWPOISON, as Linux's madvise_inject_error(): page by page, the page is reached
 * as a read from the kernel would reach it (fixup_user_fault(): no VMA or no read
 * access is EFAULT, no memory ENOMEM), and only then poisoned. The first page that
 * cannot be reached ends the call with its error; the pages before it stay poisoned.
 */
static long madvise_inject_error(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	long err = 0;

	mmap_write_lock(mm);
	for (unsigned long addr = start; addr < end && !err; addr += PAGE_SIZE) {
		cond_resched();
		if (fatal_signal_pending(current))
			err = -EINTR; /* dying: the rest does not matter */
		else if (!(err = fixup_user_fault(mm, addr, 0, NULL)))
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
	if (!vma->vm_inode->cache_only)
		return -EOPNOTSUPP; /* only shared memory can have holes punched */
	offset = ((u64)vma->vm_pgoff << PAGE_SHIFT) + (start - vma->vm_start);
	shmem_punch_hole(vma->vm_inode, offset, offset + (end - start));
	return 0;
}

/* madvise_remove() VMA by VMA over [start, end); a hole is ENOMEM once the rest is done. */
static long madvise_remove_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	long err = 0, unmapped = 0;

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
		err = madvise_remove(vma, a, MIN(end, vma->vm_end));
		a = vma->vm_end;
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

long sys_madvise(unsigned long addr, unsigned long len, int advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = addr + ALIGN_UP(len, PAGE_SIZE);
	struct vm_area_struct *vma;
	long err = 0;

	if (advice != MADV_DONTNEED && advice != MADV_HWPOISON && advice != MADV_NORMAL &&
	    advice != MADV_WILLNEED && advice != MADV_FREE && advice != MADV_REMOVE && advice != MADV_POPULATE_READ &&
	    advice != MADV_POPULATE_WRITE)
		return -EINVAL;
	if (addr % PAGE_SIZE || end < addr || ALIGN_UP(len, PAGE_SIZE) < len)
		return -EINVAL;
	if (advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE)
		return madvise_populate(mm, addr, end, advice);
	if (advice == MADV_HWPOISON)
		return madvise_inject_error(mm, addr, end); /* beyond user space: EFAULT */
	if (end > TASK_SIZE)
		return -ENOMEM; /* nothing is mapped beyond user space (Linux says ENOMEM) */
	if (advice == MADV_REMOVE)
		return madvise_remove_range(mm, addr, end);
	mmap_write_lock(mm);
	/* VMA by VMA: holes cost nothing to step over, and make the answer ENOMEM. */
	for (unsigned long a = addr; a < end;) {
		unsigned long stop;

		vma = find_vma(mm, a);
		if (!vma || vma->vm_start >= end) {
			err = -ENOMEM; /* part of the range is not mapped (Linux says ENOMEM) */
			break;
		}
		if (vma->vm_start > a) {
			err = -ENOMEM;
			a = vma->vm_start;
		}
		stop = MIN(end, vma->vm_end);
		if (advice == MADV_FREE && vma->vm_inode) {
			err = -EINVAL; /* only anonymous memory can be freed so (Linux: EINVAL) */
			break;
		}
		/*
		 * DONTNEED: the next touch sees zeros, or the file again. FREE lets the pages
		 * go whenever memory is short, keeping them if written again first; Faultline
		 * lets them go at once, which Linux could do too.
		 */
		if (advice == MADV_DONTNEED || advice == MADV_FREE)
			zap_page_range(vma, a, stop);
		a = stop;
	}
	mmap_write_unlock(mm);
	return err;
}
