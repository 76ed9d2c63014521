/* tmpfs (see tmpfs.h). */
#include <arch.h>
#include <asm/memory.h>
#include <errno.h>
#include <kernel/file.h>
#include <kernel/sched.h>
#include <kernel/tmpfs.h>
#include <kernel/uio.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <mm/shmem.h>
#include <uapi/abi.h>
#include <uapi/memfd.h>

static struct super_block tmpfs_sb = { .s_type = "tmpfs", .s_dev = 2, .s_writable = true,
				       .s_next_ino = 1, .s_max_inodes = TMPFS_MAX_INODES };
static const struct file_operations tmpfs_file_ops;

int tmpfs_init(void)
{
	struct inode *tmp;

	tmpfs_sb.s_max_pages = nr_managed_frames() / 2;
	tmp = new_inode(&tmpfs_sb, fs_root, S_IFDIR | 01777);
	if (!tmp)
		return -ENOMEM;
	tmp->size = 2 * BOGO_DIRENT_SIZE;
	d_add(tmp, "tmp", 3);
	iput(tmp);
	return 0;
}

int tmpfs_create(struct inode *dir, const char *name, size_t len, u32 mode, const char *target,
		 struct inode **out)
{
	struct inode *inode;

	if (tmpfs_sb.s_nr_inodes >= tmpfs_sb.s_max_inodes)
		return -ENOSPC;
	inode = new_inode(&tmpfs_sb, dir, mode);
	if (!inode)
		return -ENOMEM;
	if (inode_is_link(inode)) {
		inode->size = strlen(target);
		inode->link = kmalloc(inode->size + 1);
		if (!inode->link) {
			iput(inode);
			return -ENOMEM;
		}
		memcpy(inode->link, target, inode->size + 1);
	} else if (inode_is_dir(inode)) {
		inode->size = 2 * BOGO_DIRENT_SIZE;
	} else {
		inode->cache_only = true;
		inode->i_fop = &tmpfs_file_ops;
		inode->seals = F_SEAL_SEAL; /* only a memfd may be sealed (Linux's shmem) */
	}
	tmpfs_sb.s_nr_inodes++;
	d_add(inode, name, len);
	dir->size += BOGO_DIRENT_SIZE;
	inode_touch(dir);
	*out = inode;
	return 0;
}

int tmpfs_new_unlinked(const char *name, size_t len, struct inode **out)
{
	struct inode *inode;

	if (tmpfs_sb.s_nr_inodes >= tmpfs_sb.s_max_inodes)
		return -ENOSPC;
	inode = new_inode(&tmpfs_sb, fs_root, S_IFREG | 0777);
	if (!inode)
		return -ENOMEM;
	inode->cache_only = true;
	inode->i_fop = &tmpfs_file_ops;
	memcpy(inode->name, name, len);
	inode->name[len] = '\0';
	tmpfs_sb.s_nr_inodes++;
	*out = inode;
	return 0;
}

void tmpfs_unlink(struct inode *inode)
{
	inode->parent->size -= BOGO_DIRENT_SIZE;
	inode_touch(inode->parent);
	inode->ctime_ns = inode->parent->ctime_ns;
	d_delete(inode);
}

void tmpfs_move(struct inode *inode, struct inode *dir, const char *name, size_t len)
{
	struct inode *old_dir = inode->parent;

	list_del(&inode->sibling);
	old_dir->size -= BOGO_DIRENT_SIZE;
	inode_touch(old_dir);
	inode->parent = iget(dir);
	d_add(inode, name, len);
	dir->size += BOGO_DIRENT_SIZE;
	inode_touch(dir);
	inode->ctime_ns = dir->ctime_ns;
	iput(old_dir); /* after: the new parent may have been inside the old one */
}

int tmpfs_truncate(struct inode *inode, u64 size)
{
	if (size > MAX_LFS_FILESIZE)
		return -EFBIG;
	if ((size < inode->size && (inode->seals & F_SEAL_SHRINK)) ||
	    (size > inode->size && (inode->seals & F_SEAL_GROW)))
		return -EPERM; /* a memfd sealed against it (Linux's shmem_setattr) */
	if (size < inode->size) {
		struct page *page = filemap_find_page(inode, size >> PAGE_SHIFT);

		if (page) { /* the part of the last page past the end reads as zeros later */
			memset((u8 *)page_address(page) + size % PAGE_SIZE, 0,
			       PAGE_SIZE - size % PAGE_SIZE);
			put_page(page);
		}
		/* Pages past the end leave every mapping (an access there is SIGBUS now), then
		 * the cache (Linux's truncate_pagecache). */
		unmap_mapping_range(inode, ALIGN_UP(size, PAGE_SIZE), 0, true);
		tmpfs_sb.s_nr_pages -= filemap_truncate(inode, ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT);
	}
	inode->size = size;
	inode_touch(inode);
	return 0;
}

void tmpfs_evict(struct inode *inode)
{
	tmpfs_sb.s_nr_pages -= filemap_truncate(inode, 0);
	tmpfs_sb.s_nr_inodes--;
}

/*
 * Read from the page cache, a page at a time; a hole reads as zeros. A fault ends the
 * read with the bytes done (-EFAULT if none). The page is held while it is copied: the
 * copy may sleep, and a truncate may drop it meanwhile.
 */
static long tmpfs_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	struct inode *inode = file->inode;
	size_t done = 0;

	while (iov_iter_count(to) && *pos < inode->size) {
		size_t chunk = MIN(MIN(iov_iter_count(to), PAGE_SIZE - *pos % PAGE_SIZE),
				   (size_t)(inode->size - *pos));
		struct page *page = filemap_find_page(inode, *pos >> PAGE_SHIFT);
		size_t copied;

		if (page) {
			copied = copy_to_iter((u8 *)page_address(page) + *pos % PAGE_SIZE, chunk, to);
			put_page(page);
		} else {
			copied = iov_iter_zero(chunk, to);
		}
		*pos += copied;
		done += copied;
		if (copied < chunk)
			break;
		cond_resched();
	}
	return done || !iov_iter_count(to) || *pos >= inode->size ? (long)done : -EFAULT;
}

/*
 * Write into the page cache, making pages as needed (ENOSPC past the limit, ENOMEM when
 * memory runs out); O_APPEND writes at the end. Stops at a fault with the bytes done.
 */
static long tmpfs_write(struct file *file, struct iov_iter *from, u64 *pos)
{
	struct inode *inode = file->inode;
	size_t done = 0;
	long err = 0;

	if (file->flags & O_APPEND)
		*pos = inode->size;
	/* Linux's generic_write_check_limits: a write reaching past the largest size is cut
	 * to end there; one that would start there is -EFBIG. */
	if (*pos >= MAX_LFS_FILESIZE)
		return -EFBIG;
	if (iov_iter_count(from) > MAX_LFS_FILESIZE - *pos)
		iov_iter_truncate(from, MAX_LFS_FILESIZE - *pos);
	if ((inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) ||
	    ((inode->seals & F_SEAL_GROW) && *pos + iov_iter_count(from) > inode->size))
		return iov_iter_count(from) ? -EPERM : 0; /* a sealed memfd */
	while (iov_iter_count(from)) {
		size_t chunk = MIN(iov_iter_count(from), PAGE_SIZE - *pos % PAGE_SIZE);
		unsigned long index = *pos >> PAGE_SHIFT;
		struct page *page;
		size_t copied;

		if ((err = shmem_get_page(inode, index, &page)))
			break;
		copied = copy_from_iter((u8 *)page_address(page) + *pos % PAGE_SIZE, chunk, from);
		put_page(page);
		*pos += copied;
		done += copied;
		if (*pos > inode->size)
			inode->size = *pos;
		if (copied < chunk) {
			err = -EFAULT;
			break;
		}
		cond_resched();
	}
	if (done)
		inode_touch(inode);
	return done ? (long)done : err;
}

/* SEEK_END is the file's size now: other descriptors may have written or truncated it. */
static long tmpfs_llseek(struct file *file, long offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, file->inode->size);
}

static const struct file_operations tmpfs_file_ops = {
	.read_iter = tmpfs_read,
	.write_iter = tmpfs_write,
	.llseek = tmpfs_llseek,
};
