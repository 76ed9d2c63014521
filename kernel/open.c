/* faccessat, truncate (see open.h). */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/open.h>
#include <kernel/tmpfs.h>
#include <mm/shmem.h>
#include <uapi/abi.h>
#include <uapi/memfd.h>

long sys_faccessat2(int dirfd, const char __user *path, int mode, int flags)
{
	struct inode *inode;
	u32 type;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
			   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0), &inode);
	if (err)
		return err;
	type = inode->mode & S_IFMT;
	if ((mode & W_OK) && inode->sb && inode->sb->s_rdonly &&
	    (type == S_IFREG || type == S_IFDIR || type == S_IFLNK))
		err = -EROFS;
	else if ((mode & X_OK) && type != S_IFDIR && !(inode->mode & 0111))
		err = -EACCES; /* root may execute only what someone may */
	iput(inode);
	return err;
}

long sys_faccessat(int dirfd, const char __user *path, int mode)
{
	return sys_faccessat2(dirfd, path, mode, 0);
}

long sys_access(const char __user *path, int mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

/* Set inode's size: tmpfs files only; the initrd is read-only. */
static long do_truncate(struct inode *inode, long length)
{
	if (inode_is_dir(inode))
		return -EISDIR;
	if ((inode->mode & S_IFMT) != S_IFREG)
		return -EINVAL;
	if (!inode->cache_only)
		return inode->sb && inode->sb->s_rdonly ? -EROFS : -EACCES;
	return tmpfs_truncate(inode, (u64)length);
}

long sys_truncate(const char __user *path, long length)
{
	struct inode *inode;
	long err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, path, LOOKUP_FOLLOW, &inode);
	if (err)
		return err;
	err = do_truncate(inode, length);
	iput(inode);
	return err;
}

long sys_ftruncate(int fd, long length)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (length < 0 || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	if (inode_is_dir(f->inode))
		return -EINVAL;
	return do_truncate(f->inode, length);
}

/* Every fallocate() mode bit Linux knows (FALLOC_FL_SUPPORTED_MASK); shared memory does
 * KEEP_SIZE and PUNCH_HOLE only, and says EOPNOTSUPP to the others. */
#define FALLOC_FL_KNOWN 0xff

/* Linux's vfs_fallocate(), its checks in its order; tmpfs files and memfds only. */
long sys_fallocate(int fd, int mode, long offset, long len)
{
	struct file *f = fget(fd);
	u32 type;
	long ret;

	if (!f)
		return -EBADF;
	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_KNOWN)
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	type = f->inode->mode & S_IFMT;
	if (type == S_IFIFO)
		return -ESPIPE;
	if (type == S_IFDIR)
		return -EISDIR;
	if (type != S_IFREG)
		return -ENODEV;
	if ((u64)offset + (u64)len > MAX_LFS_FILESIZE)
		return -EFBIG;
	if (!f->inode->cache_only)
		return -EOPNOTSUPP; /* no fallocate operation (Linux's test, last) */
	/* Held while it works: it lets others run between pages, and another thread may
	 * close the descriptor meanwhile. */
	get_file(f);
	ret = shmem_fallocate(f->inode, mode, (u64)offset, (u64)len);
	fput(f);
	return ret;
}
