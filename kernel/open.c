/* faccessat, truncate (see open.h). */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/open.h>
#include <kernel/tmpfs.h>
#include <uapi/abi.h>

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
