/*
 * Open files (see file.h): the file operations of the console, initrd files, /proc's
 * files and directories, and the calls that open and use them: openat, getdents64,
 * ioctl. tmpfs and /dev's devices have their own (kernel/tmpfs.c, kernel/devices.c). The
 * descriptor table is kernel/fdtable.c; read, write and lseek are kernel/read_write.c;
 * fstat is kernel/stat.c, getcwd kernel/cwd.c.
 */
#include <arch.h>
#include <asm/memory.h>
#include <asm/stat.h>
#include <errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/namei.h>
#include <kernel/names.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <kernel/tmpfs.h>
#include <kernel/tty.h>
#include <kernel/uio.h>
#include <kernel/wait.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>
#include <uapi/fcntl.h>

static long console_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	char kbuf[256];
	long got;
	size_t copied;

	(void)file, (void)pos;
	got = tty_read(kbuf, MIN(iov_iter_count(to), sizeof(kbuf)));
	if (got <= 0)
		return got;
	copied = copy_to_iter(kbuf, (size_t)got, to);
	if (copied < (size_t)got) /* as Linux: only bytes delivered are consumed */
		tty_unread((size_t)got - copied);
	return copied ? (long)copied : -EFAULT;
}

/*
 * As Linux's tty write: chunk by chunk, with a resched point after each (a 1 MiB write
 * takes seconds at the UART's pace, and the kernel is not preempted), ending early with
 * the bytes done if a signal is pending or the next chunk faults.
 */
static long console_write_op(struct file *file, struct iov_iter *from, u64 *pos)
{
	char kbuf[256];
	size_t done = 0;

	long err = tty_write_check(); /* a background job with TOSTOP: SIGTTOU */

	(void)file, (void)pos;
	if (err)
		return err;
	while (iov_iter_count(from)) {
		size_t chunk = copy_from_iter(kbuf, sizeof(kbuf), from);

		if (chunk)
			console_write(kbuf, chunk);
		done += chunk;
		if (chunk < sizeof(kbuf) && iov_iter_count(from))
			break; /* a fault */
		if (iov_iter_count(from) && signal_pending_current())
			break;
		cond_resched();
	}
	return done ? (long)done : (iov_iter_count(from) ? -EFAULT : 0);
}

static unsigned int console_poll(struct file *file)
{
	(void)file;
	return tty_poll();
}

/* The terminal's ioctls (termios, job control, window size; kernel/tty.c). */
static long console_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	(void)file;
	return tty_ioctl(cmd, arg);
}

static const struct file_operations console_ops = {
	.read_iter = console_read,
	.write_iter = console_write_op,
	.poll = console_poll,
	.unlocked_ioctl = console_ioctl,
};

/*
 * Regular files of the initrd. Copied out a user
 * page at a time, with a resched point after each; a fault ends the read with the bytes
 * done (-EFAULT if none), and the position moves by exactly those, as in Linux.
 */
static long ramfs_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	const u8 *data = file->inode->data;
	u64 size = file->size;
	size_t count, done = 0;

	if (*pos >= size || !iov_iter_count(to))
		return 0;
	count = (size_t)MIN((u64)iov_iter_count(to), size - *pos);
	while (done < count) {
		size_t chunk = copy_to_iter(data + *pos, MIN(count - done, PAGE_SIZE), to);

		*pos += chunk;
		done += chunk;
		if (!chunk || (done < count && !iov_iter_count(to)))
			break;
		cond_resched();
	}
	return done ? (long)done : -EFAULT;
}

static long read_only_write(struct file *file, struct iov_iter *from, u64 *pos)
{
	(void)file, (void)from, (void)pos;
	return -EBADF; /* never opened for writing: the file system is read-only */
}

static long dir_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	(void)file, (void)to, (void)pos;
	return -EISDIR;
}

long generic_file_llseek_size(struct file *file, long offset, int whence, u64 eof)
{
	long base, size = (long)eof;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (long)file->pos;
		break;
	case SEEK_END:
		base = size;
		break;
	case SEEK_DATA: /* no holes: all of [0, size) is data, the end is the one hole */
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		if (whence == SEEK_HOLE)
			offset = size;
		base = 0;
		break;
	default:
		return -EINVAL;
	}
	if (offset > 0 ? base > (long)(~0UL >> 1) - offset : base + offset < 0)
		return -EINVAL;
	file->pos = (u64)(base + offset);
	return (long)file->pos;
}

long generic_file_llseek(struct file *file, long offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, file->size);
}

static const struct file_operations ramfs_ops = {
	.read_iter = ramfs_read,
	.write_iter = read_only_write,
	.llseek = generic_file_llseek,
};
static const struct file_operations dir_ops = {
	.read_iter = dir_read,
	.write_iter = read_only_write,
	.llseek = generic_file_llseek,
};

struct file *alloc_file(struct inode *inode, int flags, const struct file_operations *fops)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->inode = iget(inode);
	f->size = inode->size;
	f->flags = flags;
	f->refs = 1;
	f->f_op = fops;
	return f;
}

/* Open flags kept in the file, for F_GETFL: Linux drops these at open. */
#define OPEN_ONLY_FLAGS (O_CREAT | O_TRUNC | O_CLOEXEC)

/* A new open file of inode (which keeps its own reference) with its kind's operations. */
static struct file *file_open(struct inode *inode, int flags)
{
	const struct file_operations *fops = &ramfs_ops;

	if (inode->i_fop)
		fops = inode->i_fop; /* tmpfs files, /dev's devices */
	else if ((inode->mode & S_IFMT) == S_IFCHR)
		fops = &console_ops;
	else if ((inode->mode & S_IFMT) == S_IFDIR)
		fops = &dir_ops;
	/* 64-bit Linux opens every file O_LARGEFILE (force_o_largefile), and F_GETFL says so. */
	return alloc_file(inode, (flags & ~OPEN_ONLY_FLAGS) | O_LARGEFILE, fops);
}

int files_init_console(struct task *t)
{
	struct inode *console;
	struct file *f = kern_path("/dev/console", &console) ? NULL : file_open(console, O_RDWR);

	if (f)
		iput(console);
	if (!f)
		return -ENOMEM;
	t->files = kzalloc(sizeof(*t->files));
	if (!t->files) {
		fput(f);
		return -ENOMEM;
	}
	t->files->count = 1;
	t->files->chunk[0] = kzalloc(FD_CHUNK * sizeof(struct file *));
	if (!t->files->chunk[0]) {
		kfree(t->files);
		t->files = NULL;
		fput(f);
		return -ENOMEM;
	}
	f->refs = 3;
	for (int fd = 0; fd < 3; fd++)
		t->files->chunk[0][fd] = f;
	return 0;
}

/*
 * The inode openat() opens, with a reference: looked up, or with O_CREAT made in its
 * directory if missing (O_EXCL: EEXIST if it is there). O_CREAT follows a last link
 * (unless O_EXCL or O_NOFOLLOW) and creates a missing target, as Linux does.
 */
static int open_inode(int dirfd, const char *path, int flags, int mode, struct inode **out)
{
	struct last_component last;
	struct inode *dir, *inode;
	int err;

	if (!(flags & O_CREAT))
		return path_lookupat(dirfd, path, flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW, out);
	err = path_create_parentat(dirfd, path, flags & (O_EXCL | O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
				   &dir, &last);
	if (err)
		return err;
	if (!last.name[0] || strcmp(last.name, ".") == 0 || strcmp(last.name, "..") == 0 ||
	    last.trailing_slash)
		err = -EISDIR; /* "dir/" or "." with O_CREAT */
	else if ((inode = lookup_one(dir, last.name, strlen(last.name))) != NULL) {
		err = flags & O_EXCL ? -EEXIST : inode_is_dir(inode) ? -EISDIR : 0;
		if (!err)
			*out = inode;
		else if (err == -EEXIST || err == -EISDIR)
			iput(inode);
	} else if (!dir->linked && dir != fs_root) {
		err = -ENOENT; /* the directory has been removed */
	} else {
		err = vfs_create(dir, last.name, (u32)mode, out);
	}
	iput(dir);
	return err;
}

/* May inode be opened with flags? 0 or -errno, in Linux's order. */
static int may_open(struct inode *inode, int flags)
{
	u32 type = inode->mode & S_IFMT;

	if (type == S_IFLNK)
		return -ELOOP; /* O_NOFOLLOW met a link */
	if ((flags & O_DIRECTORY) && type != S_IFDIR)
		return -ENOTDIR;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)) {
		if (type == S_IFDIR)
			return -EISDIR;
		if (inode->sb && inode->sb->s_rdonly && type != S_IFCHR)
			return -EROFS;
		if (inode->i_fop && !inode->i_fop->write_iter)
			return -EACCES; /* /proc's files are read-only, but for a few of /proc/sys */
	}
	return 0;
}

/* openat() on a path already copied in; a descriptor or -errno. */
static long do_openat(int dirfd, const char *path, int flags, int mode)
{
	struct inode *inode;
	struct file *f;
	long err;
	int fd;

	err = open_inode(dirfd, path, flags, mode, &inode);
	if (err)
		return err;
	err = may_open(inode, flags);
	if (!err && (flags & O_TRUNC) && inode->cache_only)
		err = tmpfs_truncate(inode, 0);
	f = err ? NULL : file_open(inode, flags);
	iput(inode);
	if (err)
		return err;
	if (!f)
		return -ENOMEM;
	if (f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			fput(f);
			return err;
		}
	}
	fd = fd_install(f, 0, flags);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_openat(int dirfd, const char __user *upath, int flags, int mode)
{
	char *path;
	long err;

	/* Linux's build_open_flags, before the path is read: O_CREAT makes a regular file,
	 * which can never be the directory O_DIRECTORY asks for. */
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;
	err = getname(upath, &path);
	if (err)
		return err;
	err = do_openat(dirfd, path, flags, mode);
	putname(path);
	return err;
}

/* One directory entry in Linux's struct linux_dirent64 format into buf; its size or 0. */
static size_t fill_dirent(u8 *buf, size_t room, const struct dir_entry *ent, long next_off)
{
	size_t namelen = strlen(ent->name);
	size_t reclen = ALIGN_UP(sizeof(struct linux_dirent64) + namelen + 1, 8);
	struct linux_dirent64 *d = (struct linux_dirent64 *)buf;

	if (reclen > room)
		return 0;
	memset(d, 0, reclen);
	d->d_ino = ent->ino;
	d->d_off = next_off;
	d->d_reclen = (unsigned short)reclen;
	d->d_type = ent->type;
	memcpy(d->d_name, ent->name, namelen + 1);
	return reclen;
}

long sys_getdents64(int fd, void __user *dirp, size_t count)
{
	struct file *f = fget(fd);
	u8 kbuf[ALIGN_UP(sizeof(struct linux_dirent64) + NAME_MAX + 1, 8)];
	struct dir_entry ent;
	size_t used = 0;
	bool more;

	if (!f)
		return -EBADF;
	if ((f->inode->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	if (!access_ok(dirp, count))
		return -EFAULT;
	/* f->pos counts the entries already returned. */
	while ((more = dir_entry_at(f->inode, (size_t)f->pos, &ent))) {
		size_t n = fill_dirent(kbuf, MIN(sizeof(kbuf), count - used), &ent, (long)f->pos + 1);

		if (n == 0)
			break;
		if (copy_to_user((u8 __user *)dirp + used, kbuf, n))
			return used ? (long)used : -EFAULT; /* Linux: the entries done, if any */
		used += n;
		f->pos++;
		cond_resched();
	}
	if (used == 0 && more)
		return -EINVAL; /* the buffer cannot hold even one entry */
	return (long)used;
}

long sys_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if ((unsigned int)cmd == FIONREAD && (f->inode->mode & S_IFMT) == S_IFREG) {
		/* A tmpfs file's size is its inode's now; a /proc file's is 0, as in Linux. */
		u64 size = f->inode->cache_only ? f->inode->size : f->size;
		int left = f->pos < size ? (int)MIN(size - f->pos, (u64)__INT_MAX__) : 0;

		return copy_to_user((int __user *)arg, &left, sizeof(left)) ? -EFAULT : 0;
	}
	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	return f->f_op->unlocked_ioctl(f, (unsigned int)cmd, arg);
}
