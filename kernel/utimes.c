/* utimensat (see utimes.h). */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/time.h>
#include <kernel/utimes.h>

#define NSEC_PER_SEC 1000000000L

/* Is ts a time, UTIME_NOW or UTIME_OMIT? */
static bool valid_time(const struct timespec *ts)
{
	return ts->tv_nsec == UTIME_NOW || ts->tv_nsec == UTIME_OMIT ||
	       (ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC);
}

/* The new value of a time: *old kept (UTIME_OMIT), now, or ts. */
static void set_time(u64 *old, const struct timespec *ts, u64 now)
{
	if (ts->tv_nsec == UTIME_OMIT)
		return;
	*old = ts->tv_nsec == UTIME_NOW ? now : (u64)ts->tv_sec * NSEC_PER_SEC + (u64)ts->tv_nsec;
}

/* The inode utimensat changes, with a reference: path from dirfd, or dirfd's own. */
static long times_target(int dirfd, const char __user *path, int flags, struct inode **inode)
{
	struct file *f;

	if (path)
		return user_path_at(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				    (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0), inode);
	if (flags & AT_SYMLINK_NOFOLLOW)
		return -EINVAL; /* futimens has no link to follow or not */
	f = fget(dirfd);
	if (!f)
		return -EBADF;
	*inode = iget(f->inode);
	return 0;
}

long sys_utimensat(int dirfd, const char __user *path, const struct timespec __user *utimes,
		   int flags)
{
	struct timespec now_both[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } }, t[2];
	struct inode *inode;
	u64 now = ktime_get_ns();
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	if (!utimes)
		t[0] = now_both[0], t[1] = now_both[1];
	if (!valid_time(&t[0]) || !valid_time(&t[1]))
		return -EINVAL;
	if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
		return 0; /* nothing to do, not even a lookup (Linux's do_utimes) */
	err = times_target(dirfd, path, flags, &inode);
	if (err)
		return err;
	if (!inode->sb || !inode->sb->s_writable)
		err = inode->sb && inode->sb->s_rdonly ? -EROFS : -EPERM;
	if (!err) {
		set_time(&inode->atime_ns, &t[0], now);
		set_time(&inode->mtime_ns, &t[1], now);
		inode->ctime_ns = now;
	}
	iput(inode);
	return err;
}
