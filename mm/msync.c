/*
 * msync(): write a file mapping's changes back to the file. Faultline has no backing
 * store behind its page cache (the initrd is read-only, tmpfs and shared memory live in
 * the cache itself), and a MAP_SHARED mapping maps the cache's own pages, so there is
 * never anything to write: msync checks its arguments and the range as Linux does and
 * returns 0.
 */
#include <errno.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <uapi/abi.h>

/*
 * EINVAL for an unaligned start, unknown flags, or MS_ASYNC with MS_SYNC; ENOMEM if the
 * range (its length rounded up to pages, modulo 2^64) wraps or any part of it is not mapped (the mapped parts are still looked at,
 * as Linux does); EBUSY for MS_INVALIDATE on a locked mapping; else 0.
 */
long sys_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	struct vm_area_struct *vma;
	long err = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start % PAGE_SIZE || ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	/* A length within a page of 2^64 rounds up to 0, a range of nothing: 0, as Linux. */
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	mmap_read_lock(mm);
	for (unsigned long addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma) {
			err = -ENOMEM; /* nothing mapped from addr on */
			break;
		}
		if (vma->vm_start > addr)
			err = -ENOMEM; /* a hole: remembered, the rest still looked at */
		if (vma->vm_start >= end)
			break;
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			err = -EBUSY;
			break;
		}
	}
	mmap_read_unlock(mm);
	return err;
}
