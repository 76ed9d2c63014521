/*
 * mlock(), mlock2(), munlock(), mlockall(), munlockall() (Linux's mm/mlock.c): a locked
 * VMA (VM_LOCKED) has its pages faulted in at once and kept resident. Faultline never
 * reclaims anonymous pages anyway, so here the lock is the flag, the population and the
 * count: mm->locked_vm, which RLIMIT_MEMLOCK limits for an unprivileged process and
 * /proc/<pid>/status shows as VmLck. VM_LOCKONFAULT (MLOCK_ONFAULT, MCL_ONFAULT) locks
 * pages as the program faults them in, populating nothing. mlockall(MCL_FUTURE) puts
 * VM_LOCKED in mm->def_flags, which every later mmap() and brk() mapping gets. A fork's
 * child inherits no lock, and execve() starts with none.
 */
#include <errno.h>
#include <kernel/rlimit.h>
#include <kernel/task.h>
#include <mm/gup.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/vma_tree.h>
#include <uapi/abi.h>

/* CAP_IPC_LOCK: root's, while its effective uid is 0 (see kernel/cred.h). */
static bool capable_ipc_lock(void)
{
	return cred_capable(&current->cred);
}

bool can_do_mlock(void)
{
	return rlimit(RLIMIT_MEMLOCK) != 0 || capable_ipc_lock();
}

bool mlock_future_ok(struct mm_struct *mm, unsigned long vm_flags, unsigned long bytes)
{
	if (!(vm_flags & VM_LOCKED) || capable_ipc_lock())
		return true;
	return mm->locked_vm + (bytes >> PAGE_SHIFT) <= rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
}

/*
 * Set [start, end) to lock flags (VM_LOCKED, with or without VM_LOCKONFAULT, or 0 to
 * unlock), VMA by VMA (Linux's apply_vma_lock_flags). A hole ends the call with -ENOMEM,
 * what came before it changed, as Linux's. Caller holds the lock for writing.
 */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
				unsigned long flags)
{
	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *vma = vma_lookup(mm, a);
		unsigned long stop;

		if (!vma)
			return -ENOMEM;
		stop = MIN(end, vma->vm_end);
		if (!vma_modify_flags(vma, a, stop, (vma->vm_flags & ~VM_LOCKED_MASK) | flags))
			return -ENOMEM;
		a = stop;
	}
	return 0;
}

/* Pages of [start, end) already locked: a second mlock() of them costs no more limit. */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      unsigned long end)
{
	unsigned long n = 0;

	for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma_next(vma))
		if (vma->vm_flags & VM_LOCKED)
			n += (MIN(end, vma->vm_end) - MAX(start, vma->vm_start)) >> PAGE_SHIFT;
	return n;
}

/* mlock() and mlock2() (Linux's do_mlock): lock, then populate without the write lock. */
static long do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT, locked, end;
	int err = 0;

	if (!can_do_mlock())
		return -EPERM;
	/* As Linux's: the start need not be aligned; the range covers its pages. */
	len = ALIGN_UP(len + (start % PAGE_SIZE), PAGE_SIZE);
	start = ALIGN_DOWN(start, PAGE_SIZE);
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mmap_write_lock(mm);
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > limit && !capable_ipc_lock())
		locked -= count_mm_mlocked_page_nr(mm, start, end);
	if (locked <= limit || capable_ipc_lock())
		err = apply_vma_lock_flags(mm, start, end, flags);
	else
		err = -ENOMEM;
	mmap_write_unlock(mm);
	if (err)
		return err;
	err = mm_populate_range(start, len, false);
	/* POSIX's words for a range that cannot be populated (Linux's
	 * __mlock_posix_error_return): not mapped or no access is ENOMEM, no memory EAGAIN. */
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

long sys_mlock(unsigned long start, size_t len)
{
	return do_mlock(start, len, VM_LOCKED);
}

long sys_mlock2(unsigned long start, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | ((flags & MLOCK_ONFAULT) ? VM_LOCKONFAULT : 0));
}

long sys_munlock(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	long err;

	len = ALIGN_UP(len + (start % PAGE_SIZE), PAGE_SIZE);
	start = ALIGN_DOWN(start, PAGE_SIZE);
	end = start + len;
	if (end < start)
		return -EINVAL;
	mmap_write_lock(mm);
	err = apply_vma_lock_flags(mm, start, end, 0);
	mmap_write_unlock(mm);
	return err;
}

/*
 * Set the lock flags of the mm for mlockall(flags) or munlockall() (flags 0): def_flags
 * for MCL_FUTURE, every VMA for MCL_CURRENT (Linux's apply_mlockall_flags). Errors of a
 * VMA (vm.max_map_count cannot arise: whole VMAs are changed) are ignored, as Linux's.
 */
static void apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	unsigned long to_add = 0;
	struct vm_area_struct *vma, *next;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT)
		to_add = VM_LOCKED | ((flags & MCL_ONFAULT) ? VM_LOCKONFAULT : 0);
	for (vma = find_vma(mm, 0); vma; vma = next) {
		unsigned long end = vma->vm_end;

		vma_modify_flags(vma, vma->vm_start, end, (vma->vm_flags & ~VM_LOCKED_MASK) | to_add);
		next = find_vma(mm, end); /* vma may have merged into its neighbour */
	}
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long total = 0;
	long err = 0;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	mmap_write_lock(mm);
	for (struct vm_area_struct *vma = find_vma(mm, 0); vma; vma = vma_next(vma))
		total += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	if (!(flags & MCL_CURRENT) || total <= rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT ||
	    capable_ipc_lock())
		apply_mlockall_flags(mm, flags);
	else
		err = -ENOMEM;
	mmap_write_unlock(mm);
	if (!err && (flags & MCL_CURRENT))
		mm_populate_range(0, TASK_SIZE, true);
	return err;
}

long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;

	mmap_write_lock(mm);
	apply_mlockall_flags(mm, 0);
	mmap_write_unlock(mm);
	return 0;
}
