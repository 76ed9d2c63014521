/* Shared memory: the page cache as a file's only copy (see shmem.h). */
#include <arch.h>
#include <errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/tmpfs.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/shmem.h>
#include <mm/userfaultfd.h>
#include <uapi/memfd.h>

int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep)
{
	struct super_block *sb = inode->sb;
	bool added;

	*pagep = filemap_find_page(inode, index);
	if (*pagep)
		return 0;
	if (sb->s_nr_pages >= sb->s_max_pages)
		return -ENOSPC;
	/* Not cached: filemap_get_page() adds a page of zeros (cache_only has no data). */
	*pagep = filemap_get_page(inode, index, &added);
	if (!*pagep)
		return -ENOMEM;
	sb->s_nr_pages++;
	return 0;
}

vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_inode;
	int err;

	/* A user pager's turn first (Linux's shmem_get_folio_gfp): a page the cache lacks
	 * (MISSING), or one it has that this mapping does not map yet (MINOR). */
	if (userfaultfd_armed(vmf->vma, VM_UFFD_MISSING | VM_UFFD_MINOR)) {
		bool cached = filemap_cached(inode, vmf->pgoff);

		if (!cached && userfaultfd_missing(vmf->vma))
			return handle_userfault(vmf, VM_UFFD_MISSING);
		if (cached && userfaultfd_minor(vmf->vma))
			return handle_userfault(vmf, VM_UFFD_MINOR);
	}
	err = shmem_get_page(inode, vmf->pgoff, &vmf->page);

	if (err == -ENOSPC)
		return VM_FAULT_SIGBUS; /* Linux: a full tmpfs is SIGBUS at the fault */
	if (err)
		return VM_FAULT_OOM;
	return 0; /* never a major fault: nothing is read */
}

int shmem_mfill_page(struct inode *inode, unsigned long index, struct page *src,
		     struct page **pagep)
{
	int err;

	if (index >= ALIGN_UP(inode->size, PAGE_SIZE) >> PAGE_SHIFT)
		return -EFAULT; /* Linux: past the end of the file */
	if (filemap_cached(inode, index))
		return -EEXIST;
	err = shmem_get_page(inode, index, pagep); /* a zeroed page, added to the cache */
	if (err)
		return err == -ENOSPC ? -ENOMEM : err;
	if (src)
		copy_page(page_address(*pagep), page_address(src));
	return 0;
}

struct inode *shmem_zero_setup(unsigned long len, int *err)
{
	struct inode *inode;

	*err = tmpfs_new_unlinked("dev/zero", 8, &inode);
	if (*err)
		return NULL;
	inode->size = len;
	return inode;
}

void shmem_punch_hole(struct inode *inode, u64 start, u64 end)
{
	u64 first = ALIGN_UP(start, PAGE_SIZE), last = ALIGN_DOWN(end, PAGE_SIZE);
	struct page *page;

	if (end <= start)
		return;
	/* The parts of the edge pages inside the range: zeroed in place, still mapped. */
	if (start % PAGE_SIZE && (page = filemap_find_page(inode, start >> PAGE_SHIFT))) {
		u64 stop = MIN(end, ALIGN_DOWN(start, PAGE_SIZE) + PAGE_SIZE);

		memset((u8 *)page_address(page) + start % PAGE_SIZE, 0, (size_t)(stop - start));
		put_page(page);
	}
	if (end % PAGE_SIZE && last >= first && (page = filemap_find_page(inode, end >> PAGE_SHIFT))) {
		memset(page_address(page), 0, end % PAGE_SIZE);
		put_page(page);
	}
	if (last <= first)
		return;
	/* Whole pages: out of every mapping first (their PTEs hold references), then out of
	 * the cache, whose reference is the last. A private mapping keeps its copies. */
	unmap_mapping_range(inode, first, last, false);
	inode->sb->s_nr_pages -= filemap_remove_range(inode, first >> PAGE_SHIFT, last >> PAGE_SHIFT);
}

long shmem_fallocate(struct inode *inode, int mode, u64 offset, u64 len)
{
	u64 end = offset + len;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		if (inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
			return -EPERM;
		shmem_punch_hole(inode, offset, end);
		inode_touch(inode);
		return 0;
	}
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->size && (inode->seals & F_SEAL_GROW))
		return -EPERM;
	for (unsigned long index = offset >> PAGE_SHIFT; index < ALIGN_UP(end, PAGE_SIZE) >> PAGE_SHIFT;
	     index++) {
		struct page *page;
		int err = shmem_get_page(inode, index, &page);

		if (err)
			return err;
		put_page(page);
		cond_resched();
	}
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->size)
		inode->size = end;
	inode_touch(inode);
	return 0;
}
