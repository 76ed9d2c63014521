/*
 * mmap(), munmap(), mprotect() and brk(). They only change VMAs (under the mmap lock,
 * held for writing); pages come later, from the fault handler. madvise() and mincore()
 * have files of their own.
 */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <kernel/signal.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/gup.h>
#include <mm/mlock.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/shmem.h>
#include <mm/uaccess.h>
#include <mm/userfaultfd.h>
#include <uapi/abi.h>
#include <uapi/memfd.h>

static unsigned long prot_to_vm_flags(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* Is [addr, addr+len) a page-aligned, non-empty range that user space may map? */
static bool user_range_ok(unsigned long addr, unsigned long len)
{
	return addr % PAGE_SIZE == 0 && len && len <= TASK_SIZE && addr <= TASK_SIZE - len;
}

/*
 * The flags MAP_SHARED_VALIDATE knows (Linux's LEGACY_MAP_MASK): MAP_SHARED, PRIVATE,
 * FIXED, ANONYMOUS, DENYWRITE, EXECUTABLE, UNINITIALIZED, GROWSDOWN, LOCKED, NORESERVE,
 * POPULATE, NONBLOCK, STACK and HUGETLB. Any other bit is EOPNOTSUPP with it (plain
 * MAP_SHARED ignores unknown bits).
 */
#define LEGACY_MAP_MASK 0x407f933UL

/*
 * The inode a file mapping of fd would use, and the vm_flags the open file allows (Linux's
 * do_mmap, in its order): MAP_SHARED with PROT_WRITE needs a file open for writing, and
 * a shared mapping of a file open read-only lacks VM_SHARED and VM_MAYWRITE (it can never
 * be written, so it is mapped as a private one would be); any mapping needs the file open
 * for reading, and a file that can be mapped: a regular file with data (the initrd's, or
 * tmpfs's page cache). 0 or -errno.
 */
static long mappable_file(int fd, unsigned long flags, unsigned long prot, struct inode **inode,
			  unsigned long *vm_flags)
{
	struct file *f = fget(fd);
	int mode;

	if (!f)
		return -EBADF;
	mode = f->flags & O_ACCMODE;
	if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK))
		return -EOPNOTSUPP;
	if ((flags & MAP_TYPE) != MAP_PRIVATE) {
		if ((prot & PROT_WRITE) && mode == O_RDONLY)
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (mode == O_RDONLY)
			*vm_flags &= ~(VM_SHARED | VM_MAYWRITE);
	}
	if (mode == O_WRONLY)
		return -EACCES;
	if ((f->inode->mode & S_IFMT) != S_IFREG || (f->inode->i_fop && !f->inode->cache_only))
		return -ENODEV; /* pipes, directories, the console, /proc: no mmap operation */
	/* The caller's reference: mmap may sleep for the mmap lock, and another thread may
	 * close the descriptor meanwhile. */
	*inode = iget(f->inode);
	return 0;
}

/*
 * A shared mapping of a memfd sealed against writes (Linux's memfd_check_seals_mmap):
 * PROT_WRITE is EPERM, and mprotect may never add it. Checked under the mmap lock with no
 * sleep before the VMA is linked into the file's i_mmap, so F_ADD_SEALS, which refuses
 * F_SEAL_WRITE while the file is mapped writable, sees either the seal or the mapping.
 */
static long mmap_check_seals(struct inode *inode, unsigned long prot, unsigned long *vm_flags)
{
	if (!inode || !(*vm_flags & VM_SHARED) || !(inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))
		return 0;
	if (prot & PROT_WRITE)
		return -EPERM;
	*vm_flags &= ~VM_MAYWRITE;
	return 0;
}

/*
 * Linux's default overcommit rule (OVERCOMMIT_GUESS): memory is promised freely, since
 * pages come only when touched, but not more than the machine could ever give at once.
 */
static bool vm_enough_memory(unsigned long len)
{
	return (len >> PAGE_SHIFT) <= nr_managed_frames();
}

/*
 * Where vma's room starts, seen from a mapping placed below it (Linux's vm_start_gap()):
 * its start, or for a stack, its start less the guard gap that its growth needs.
 */
static unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN)
		start = start > STACK_GUARD_GAP ? start - STACK_GUARD_GAP : 0;
	return start;
}

/* May a hint place [addr, addr + len) here: nothing there, nor a stack's gap above it? */
static bool hint_is_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *next = find_vma(mm, addr);

	return !next || addr + len <= vm_start_gap(next);
}

/* Choose where [addr, addr+len) goes, under the lock; the address or -errno. What
 * MAP_FIXED replaces goes as munmap() would, its pagers' events on uf. */
static long place_mapping(struct mm_struct *mm, unsigned long addr, unsigned long len,
			  unsigned long flags, struct list_head *uf)
{
	long err;

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		/* Linux's order (get_unmapped_area): past user space, then misaligned. */
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (addr % PAGE_SIZE)
			return -EINVAL;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		if (!range_is_free(mm, addr, addr + len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			if ((err = userfaultfd_unmap_prep(mm, addr, addr + len, uf)) ||
			    (err = mm_unmap(mm, addr, len)))
				return err;
		}
		return (long)addr;
	}
	if (addr % PAGE_SIZE == 0 && addr >= MMAP_MIN_ADDR && user_range_ok(addr, len) &&
	    hint_is_free(mm, addr, len))
		return (long)addr; /* the hint is free: take it */
	addr = find_free_range(mm, len);
	return addr ? (long)addr : -ENOMEM;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      int fd, unsigned long offset)
{
	struct mm_struct *mm = current->mm;
	unsigned long type = flags & MAP_TYPE;
	/* Every mapping may later be given any protection, but a shared one of a file that
	 * is not open for writing (mappable_file()); mlockall(MCL_FUTURE) adds VM_LOCKED. */
	unsigned long vm_flags = prot_to_vm_flags(prot) | VM_MAYACCESS | mm->def_flags;
	struct inode *inode = NULL; /* the file mapped, with a reference held while mapping */
	LIST_HEAD(uf); /* the user pagers' UNMAP events for what MAP_FIXED replaced */
	long err, where;
	int shmem_err;

	if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) ||
	    offset % PAGE_SIZE || (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if ((flags & MAP_ANONYMOUS) && type == MAP_SHARED_VALIDATE)
		return -EINVAL; /* Linux validates flags only for files */
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EACCES; /* W^X: a page is writable or executable, never both */
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len == 0 || len > TASK_SIZE)
		return -ENOMEM;
	if ((flags & MAP_LOCKED) && !can_do_mlock())
		return -EPERM; /* RLIMIT_MEMLOCK of 0 and not root (Linux's do_mmap) */
	if (!(flags & MAP_ANONYMOUS) && (err = mappable_file(fd, flags, prot, &inode, &vm_flags)))
		return err;
	if ((prot & PROT_WRITE) && !vm_enough_memory(len)) {
		iput(inode);
		return -ENOMEM;
	}
	if ((flags & MAP_ANONYMOUS) && type == MAP_SHARED) {
		/* Shared anonymous memory is a file of its own, shared with children. */
		inode = shmem_zero_setup(len, &shmem_err);
		if (!inode)
			return shmem_err;
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		offset = 0;
	}
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	mmap_write_lock(mm);
	if (!mlock_future_ok(mm, vm_flags, len))
		where = -EAGAIN; /* past RLIMIT_MEMLOCK (Linux's mlock_future_ok) */
	else
		where = place_mapping(mm, addr, len, flags, &uf);
	if (where >= 0 && (err = mmap_check_seals(inode, prot, &vm_flags)))
		where = err;
	if (where >= 0 && (err = mmap_region(mm, (unsigned long)where, len, vm_flags, inode,
					     offset >> PAGE_SHIFT)))
		where = err;
	mmap_write_unlock(mm);
	userfaultfd_unmap_complete(&uf);
	iput(inode); /* the mapping holds its own reference */
	/*
	 * MAP_POPULATE (without MAP_NONBLOCK) and a locked mapping are faulted in now,
	 * without the write lock; what cannot be populated is left to later faults, and the
	 * mapping stands (Linux's mm_populate()).
	 */
	if (where >= 0 && (((vm_flags & VM_LOCKED) && !(vm_flags & VM_LOCKONFAULT)) ||
			   (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		mm_populate_range((unsigned long)where, len, true);
	return where;
}

/* munmap(); the user pagers of the range hear of it after (UFFD_EVENT_UNMAP). */
long sys_munmap(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = addr + ALIGN_UP(len, PAGE_SIZE);
	LIST_HEAD(uf);
	long err;

	if (!user_range_ok(addr, ALIGN_UP(len, PAGE_SIZE)))
		return -EINVAL;
	mmap_write_lock(mm);
	err = userfaultfd_unmap_prep(mm, addr, end, &uf);
	if (!err)
		err = mm_unmap(mm, addr, end - addr);
	mmap_write_unlock(mm);
	userfaultfd_unmap_complete(&uf);
	return err;
}

long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot)
{
	long err;

	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EACCES; /* W^X */
	if (addr % PAGE_SIZE)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!user_range_ok(addr, ALIGN_UP(len, PAGE_SIZE)))
		return -ENOMEM; /* beyond user space: nothing is mapped there (Linux says ENOMEM) */
	mmap_write_lock(current->mm);
	err = mm_protect(current->mm, addr, ALIGN_UP(len, PAGE_SIZE), prot_to_vm_flags(prot));
	mmap_write_unlock(current->mm);
	return err;
}

/*
 * brk(addr) moves the end of the heap and returns the new end; on failure (or addr 0) it
 * returns the old one, as Linux's system call does (libc turns that into -1/ENOMEM).
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long old_top = ALIGN_UP(mm->brk, PAGE_SIZE), new_top = ALIGN_UP(brk, PAGE_SIZE);
	long ret = (long)brk;
	LIST_HEAD(uf); /* the user pagers' UNMAP event for a heap that shrank */

	if (brk < mm->start_brk || brk > mm->mmap_base)
		return (long)mm->brk;
	mmap_write_lock(mm);
	if (new_top > old_top) {
		if (!vm_enough_memory(new_top - old_top) || !range_is_free(mm, old_top, new_top) ||
		    !mlock_future_ok(mm, mm->def_flags, new_top - old_top) ||
		    mmap_region(mm, old_top, new_top - old_top, VM_READ | VM_WRITE | mm->def_flags,
				NULL, 0))
			ret = (long)mm->brk;
	} else if (new_top < old_top && (userfaultfd_unmap_prep(mm, new_top, old_top, &uf) ||
					 mm_unmap(mm, new_top, old_top - new_top))) {
		ret = (long)mm->brk; /* a hole past vm.max_map_count: the break stays (Linux) */
	}
	if (ret == (long)brk)
		mm->brk = brk;
	mmap_write_unlock(mm);
	userfaultfd_unmap_complete(&uf);
	/* After mlockall(MCL_FUTURE), the new heap is locked, so populated (Linux's brk). */
	if (ret == (long)brk && new_top > old_top && (mm->def_flags & VM_LOCKED))
		mm_populate_range(old_top, new_top - old_top, true);
	return ret;
}
