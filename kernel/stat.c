/* File status (see stat.h). */
#include <arch.h>
#include <asm/memory.h>
#include <asm/stat.h>
#include <errno.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/stat.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

#define NSEC_PER_SEC 1000000000ULL

/* What both struct stat and struct statx say (Linux's struct kstat). */
struct kstat {
	u32 dev, rdev, mode, nlink;
	u64 ino, size, blocks;
	u64 atime_ns, mtime_ns, ctime_ns;
};

/* Pages a tmpfs file holds. */
static u64 nr_pages_held(const struct inode *inode)
{
	u64 n = 0;

	for (struct avl_node *p = avl_first(&inode->page_cache); p; p = avl_next(p))
		n++;
	return n;
}

static void fill_kstat(const struct inode *inode, struct kstat *st)
{
	bool proc = inode->sb && strcmp(inode->sb->s_type, "proc") == 0;

	memset(st, 0, sizeof(*st));
	st->dev = inode->sb ? inode->sb->s_dev : 0;
	st->rdev = inode->rdev;
	st->mode = inode->mode;
	st->atime_ns = inode->atime_ns;
	st->mtime_ns = inode->mtime_ns;
	st->ctime_ns = inode->ctime_ns;
	st->ino = inode->ino;
	if (inode->sb && inode->sb->s_writable && !inode->linked)
		st->nlink = 0; /* removed, still open or a working directory */
	else if (inode_is_dir(inode))
		st->nlink = 2 + nr_subdirs(inode);
	else
		st->nlink = 1;
	st->size = proc ? 0 : inode->size; /* /proc's files are made at open: size 0 */
	if (inode->cache_only)
		st->blocks = nr_pages_held(inode) * (PAGE_SIZE / 512);
	else if (inode->data)
		st->blocks = (inode->size + 511) / 512;
}

static long put_stat(const struct inode *inode, void __user *statbuf)
{
	struct kstat k;
	struct stat st;

	fill_kstat(inode, &k);
	memset(&st, 0, sizeof(st));
	st.st_dev = k.dev;
	st.st_ino = k.ino;
	st.st_mode = k.mode;
	st.st_nlink = k.nlink;
	st.st_rdev = k.rdev;
	st.st_size = (long)k.size;
	st.st_blksize = (int)PAGE_SIZE;
	st.st_blocks = (long)k.blocks;
	st.st_atime = k.atime_ns / NSEC_PER_SEC;
	st.st_atime_nsec = k.atime_ns % NSEC_PER_SEC;
	st.st_mtime = k.mtime_ns / NSEC_PER_SEC;
	st.st_mtime_nsec = k.mtime_ns % NSEC_PER_SEC;
	st.st_ctime = k.ctime_ns / NSEC_PER_SEC;
	st.st_ctime_nsec = k.ctime_ns % NSEC_PER_SEC;
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstat(int fd, void __user *statbuf)
{
	struct file *f = fget(fd);

	return f ? put_stat(f->inode, statbuf) : -EBADF;
}

/* The walk flags for an *at() call's AT_* flags. */
static unsigned int lookup_flags(int flags)
{
	return (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
	       (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
}

long sys_newfstatat(int dirfd, const char __user *path, void __user *statbuf, int flags)
{
	struct inode *inode;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dirfd, path, lookup_flags(flags), &inode);
	if (err)
		return err;
	err = put_stat(inode, statbuf);
	iput(inode);
	return err;
}

long sys_stat(const char __user *path, void __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, path, statbuf, 0);
}

long sys_lstat(const char __user *path, void __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, path, statbuf, AT_SYMLINK_NOFOLLOW);
}

long sys_statx(int dirfd, const char __user *path, int flags, unsigned int mask,
	       struct statx __user *buf)
{
	struct inode *inode;
	struct kstat k;
	struct statx stx;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	err = user_path_at(dirfd, path, lookup_flags(flags), &inode);
	if (err)
		return err;
	fill_kstat(inode, &k);
	iput(inode);
	memset(&stx, 0, sizeof(stx));
	stx.stx_mask = STATX_BASIC_STATS; /* all of them, whatever was asked, as Linux */
	stx.stx_blksize = (unsigned int)PAGE_SIZE;
	stx.stx_nlink = k.nlink;
	stx.stx_mode = (unsigned short)k.mode;
	stx.stx_ino = k.ino;
	stx.stx_size = k.size;
	stx.stx_blocks = k.blocks;
	stx.stx_rdev_major = k.rdev >> 8;
	stx.stx_rdev_minor = k.rdev & 0xff;
	stx.stx_dev_minor = k.dev;
	stx.stx_atime.tv_sec = (long long)(k.atime_ns / NSEC_PER_SEC);
	stx.stx_atime.tv_nsec = (unsigned int)(k.atime_ns % NSEC_PER_SEC);
	stx.stx_mtime.tv_sec = (long long)(k.mtime_ns / NSEC_PER_SEC);
	stx.stx_mtime.tv_nsec = (unsigned int)(k.mtime_ns % NSEC_PER_SEC);
	stx.stx_ctime.tv_sec = (long long)(k.ctime_ns / NSEC_PER_SEC);
	stx.stx_ctime.tv_nsec = (unsigned int)(k.ctime_ns % NSEC_PER_SEC);
	return copy_to_user(buf, &stx, sizeof(stx)) ? -EFAULT : 0;
}

/* Is the user string at path empty? (It was copied in once already.) */
static bool user_path_empty(const char __user *path)
{
	char c;

	return !copy_from_user(&c, path, 1) && c == '\0';
}

long sys_readlinkat(int dirfd, const char __user *path, char __user *buf, int bufsiz)
{
	struct inode *inode;
	char *target;
	long len;

	if (bufsiz <= 0)
		return -EINVAL;
	len = user_path_at(dirfd, path, LOOKUP_EMPTY, &inode);
	if (len)
		return len;
	target = kmalloc(PATH_MAX);
	if (!target)
		len = -ENOMEM;
	else if (inode_is_link(inode))
		len = inode_get_link(inode, target, PATH_MAX);
	else /* the empty path names dirfd itself, which is not a link */
		len = user_path_empty(path) ? -ENOENT : -EINVAL;
	iput(inode);
	if (len > 0) { /* no NUL, and cut to bufsiz, as Linux */
		len = MIN(len, (long)bufsiz);
		if (copy_to_user(buf, target, (size_t)len))
			len = -EFAULT;
	}
	kfree(target);
	return len;
}

long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
