/*
 * tmpfs (Linux's mm/shmem.c, without swap): a writable file system in memory, mounted on
 * /tmp. A regular file's data lives only in its page cache (inode->cache_only): a write
 * puts pages there, a page never written is a hole that reads as zeros, truncate and the
 * last iput() of an unlinked file give the frames back. Limits: half of memory in data
 * pages and TMPFS_MAX_INODES inodes, past which creating or writing says ENOSPC.
 */
#ifndef KERNEL_TMPFS_H
#define KERNEL_TMPFS_H

#include <kernel/fs.h>
#include <types.h>

#define TMPFS_MAX_INODES 4096
#define BOGO_DIRENT_SIZE 20 /* a tmpfs directory's st_size grows this much per entry (Linux's) */
#define MAX_LFS_FILESIZE 0x7fffffffffffffffUL /* the largest file size (Linux's, 64-bit) */

/* Mount tmpfs on /tmp (fs_root must exist); 0 or -ENOMEM. */
int tmpfs_init(void);
/*
 * Create name (len bytes, not there yet) in the tmpfs directory dir with mode (file type
 * included); a symbolic link gets target. *out is the new inode with a reference.
 * Returns 0, -ENOSPC or -ENOMEM.
 */
int tmpfs_create(struct inode *dir, const char *name, size_t len, u32 mode, const char *target,
		 struct inode **out);
/*
 * A new regular tmpfs file that was never linked (memfd_create, MAP_SHARED|MAP_ANONYMOUS)
 * called name (len bytes) under "/", so that its path prints as "/name (deleted)"; *out
 * holds a reference. 0, -ENOSPC or -ENOMEM.
 */
int tmpfs_new_unlinked(const char *name, size_t len, struct inode **out);
/* Take inode out of its tmpfs directory (unlink, rmdir, or a rename replacing it). */
void tmpfs_unlink(struct inode *inode);
/* Move inode to the tmpfs directory dir under name (len bytes, not there yet). */
void tmpfs_move(struct inode *inode, struct inode *dir, const char *name, size_t len);
/* Set a tmpfs file's size: pages past it are freed, the part of the last past it zeroed;
 * growing makes a hole. 0, -EFBIG. */
int tmpfs_truncate(struct inode *inode, u64 size);
/* Free a tmpfs inode's pages (its last iput()). */
void tmpfs_evict(struct inode *inode);

#endif
