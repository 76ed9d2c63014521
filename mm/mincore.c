/* mincore(): which pages of a range are resident, read from the page tables. */
#include <errno.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/pte_marker.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

/*
 * Is the page of vma at va resident? pte is its PTE, or NULL if it has no page table.
 * Mapped here (a poisoned page counts, as Linux says of hwpoison entries: "always
 * uptodate"; a PTE marker maps nothing and does not), or, for a file, in the page cache.
 */
static bool page_resident(struct vm_area_struct *vma, pte_t *pte, unsigned long va)
{
	if (pte && !pte_none_mostly(*pte))
		return true;
	return vma->vm_inode &&
	       filemap_cached(vma->vm_inode, vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT));
}

/*
 * Fill vec[] (PTRS_PER_TABLE bytes) for as much of [addr, end) as lies in addr's VMA and
 * in one leaf table's range; the number of pages done, or -ENOMEM if no VMA covers addr.
 * Takes and drops the mmap lock.
 */
static long mincore_chunk(struct mm_struct *mm, unsigned long addr, unsigned long end,
			  unsigned char *vec)
{
	struct vm_area_struct *vma;
	unsigned long next, n = 0;
	pte_t *pte;

	mmap_read_lock(mm);
	vma = vma_lookup(mm, addr);
	if (!vma) {
		mmap_read_unlock(mm);
		return -ENOMEM;
	}
	pte = walk_range(mm->pgd, addr, &next);
	/* next may be far ahead when a whole upper table is missing: at most one table's worth. */
	next = MIN(next, ALIGN_DOWN(addr, PTRS_PER_TABLE * PAGE_SIZE) + PTRS_PER_TABLE * PAGE_SIZE);
	end = MIN(end, MIN(next, vma->vm_end));
	for (; addr < end; addr += PAGE_SIZE, n++)
		vec[n] = page_resident(vma, pte ? pte + n : NULL, addr);
	mmap_read_unlock(mm);
	return (long)n;
}

long sys_mincore(unsigned long addr, unsigned long len, unsigned char __user *vec)
{
	struct mm_struct *mm = current->mm;
	unsigned long pages = ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT;
	unsigned long end = addr + pages * PAGE_SIZE;
	unsigned char chunk[PTRS_PER_TABLE]; /* one leaf table's worth */

	if (addr % PAGE_SIZE || !access_ok((void __user *)addr, len))
		return addr % PAGE_SIZE ? -EINVAL : -ENOMEM;
	if (!access_ok(vec, pages))
		return -EFAULT;
	/* One leaf table (or less, at a VMA's end) per turn; copy_to_user may fault, so not
	 * under the lock. */
	while (addr < end) {
		long n;

		cond_resched();
		n = mincore_chunk(mm, addr, end, chunk);
		if (n < 0)
			return n;
		if (copy_to_user(vec, chunk, (unsigned long)n))
			return -EFAULT;
		vec += n;
		addr += (unsigned long)n * PAGE_SIZE;
	}
	return 0;
}
