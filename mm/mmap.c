/*
 * mmap() and friends. Mappings are anonymous (zeros) or private copies of an initrd file;
 * for now each is populated when it is made. (Issue "The fault core" makes them lazy.)
 */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/ramfs.h>
#include <kernel/task.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <uapi/abi.h>

static unsigned long prot_to_vm_flags(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* Is [addr, addr+len) a page-aligned, non-empty range that user space may map? */
static bool user_range_ok(unsigned long addr, unsigned long len)
{
	return addr % PAGE_SIZE == 0 && len && len <= USER_TOP && addr <= USER_TOP - len;
}

/* The part of file f that a private mapping at offset of len bytes copies. */
static long file_data(int fd, unsigned long offset, struct inode **inode, const u8 **data,
		      size_t *len)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if ((f->inode->mode & S_IFMT) != S_IFREG || f->contents)
		return -ENODEV; /* the console and /proc cannot be mapped */
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EACCES;
	*inode = f->inode;
	*data = f->inode->data + MIN(offset, f->inode->size);
	*len = offset < f->inode->size ? (size_t)(f->inode->size - offset) : 0;
	return 0;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      int fd, unsigned long offset)
{
	struct mm_struct *mm = current->mm;
	unsigned long type = flags & (MAP_SHARED | MAP_PRIVATE);
	struct inode *inode = NULL;
	const u8 *data = NULL;
	size_t data_len = 0;
	long err;

	if (len == 0 || type == (MAP_SHARED | MAP_PRIVATE) || type == 0 || offset % PAGE_SIZE ||
	    (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (type == MAP_SHARED)
		return -EINVAL; /* shared mappings are not supported yet */
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EACCES; /* W^X: a page is writable or executable, never both */
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len == 0 || len > USER_TOP)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS) &&
	    (err = file_data(fd, offset, &inode, &data, &data_len)))
		return err;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (!user_range_ok(addr, len))
			return -EINVAL;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		if (!range_is_free(mm, addr, addr + len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			if ((err = mm_unmap(mm, addr, len)))
				return err;
		}
	} else if (addr % PAGE_SIZE || addr < MMAP_MIN_ADDR || !user_range_ok(addr, len) ||
		   !range_is_free(mm, addr, addr + len)) {
		addr = find_free_range(mm, len); /* the hint is only a hint */
		if (!addr)
			return -ENOMEM;
	}
	err = mm_map_populate(mm, addr, len, prot_to_vm_flags(prot), inode, offset >> PAGE_SHIFT,
			      data, MIN(data_len, (size_t)len));
	return err ? err : (long)addr;
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	if (!user_range_ok(addr, ALIGN_UP(len, PAGE_SIZE)))
		return -EINVAL;
	return mm_unmap(current->mm, addr, ALIGN_UP(len, PAGE_SIZE));
}

long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot)
{
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EACCES; /* W^X */
	if (len == 0 && addr % PAGE_SIZE == 0)
		return 0;
	if (!user_range_ok(addr, ALIGN_UP(len, PAGE_SIZE)))
		return -EINVAL;
	return mm_protect(current->mm, addr, ALIGN_UP(len, PAGE_SIZE), prot_to_vm_flags(prot));
}

/*
 * brk(addr) moves the end of the heap and returns the new end; on failure (or addr 0) it
 * returns the old one, as Linux's system call does (libc turns that into -1/ENOMEM).
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long old_top = ALIGN_UP(mm->brk, PAGE_SIZE), new_top = ALIGN_UP(brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk > mm->mmap_base)
		return (long)mm->brk;
	if (new_top > old_top) {
		if (!range_is_free(mm, old_top, new_top) ||
		    mm_map_populate(mm, old_top, new_top - old_top, VM_READ | VM_WRITE, NULL, 0, NULL, 0))
			return (long)mm->brk;
	} else if (new_top < old_top) {
		mm_unmap(mm, new_top, old_top - new_top);
	}
	mm->brk = brk;
	return (long)brk;
}
