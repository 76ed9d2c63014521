/*
 * Open files (see file.h): the file operations of the console, initrd files and
 * directories, and the calls on paths and open files: openat, fstat, getdents64, ioctl,
 * getcwd. The descriptor table is kernel/fdtable.c; read, write and lseek are
 * kernel/read_write.c.
 */
#include <arch.h>
#include <asm/memory.h>
#include <asm/stat.h>
#include <errno.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/printk.h>
#include <kernel/ramfs.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <kernel/tty.h>
#include <kernel/uio.h>
#include <uapi/termios.h>
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
 * Regular files: initrd data, or text a synthetic file made at open. Copied out a user
 * page at a time, with a resched point after each; a fault ends the read with the bytes
 * done (-EFAULT if none), and the position moves by exactly those, as in Linux.
 */
static long ramfs_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	const u8 *data = file->contents ? (const u8 *)file->contents : file->inode->data;
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

long generic_file_llseek(struct file *file, long offset, int whence)
{
	long base, size = (long)file->size;

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
	f->inode = inode;
	f->size = inode->size;
	f->flags = flags;
	f->refs = 1;
	f->f_op = fops;
	return f;
}

/* Open flags kept in the file, for F_GETFL: Linux drops these at open. */
#define OPEN_ONLY_FLAGS (O_CREAT | O_TRUNC | O_CLOEXEC)

static struct file *file_open(struct inode *inode, int flags)
{
	const struct file_operations *fops = &ramfs_ops;

	if ((inode->mode & S_IFMT) == S_IFCHR)
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

	if (!f)
		return -ENOMEM;
	t->files = kzalloc(sizeof(*t->files));
	if (!t->files) {
		fput(f);
		return -ENOMEM;
	}
	t->files->count = 1;
	f->refs = 3;
	for (int fd = 0; fd < 3; fd++)
		t->files->files[fd] = f;
	return 0;
}

/* openat() on a path already copied in; a descriptor or -errno. */
static long do_openat(int dirfd, const char *path, int flags)
{
	struct inode *inode;
	struct file *f;
	long err;
	int fd;

	if (path[0] != '/' && dirfd != AT_FDCWD)
		return -EBADF; /* relative to a directory descriptor: not supported */
	err = kern_path(path, &inode); /* relative paths too: the working directory is "/" */
	if (err == -ENOENT && (flags & O_CREAT)) {
		/* Creating: a missing or non-directory parent says so; else we cannot write. */
		err = kern_path_parent(path, &inode);
		return err ? err : -EROFS;
	}
	if (err)
		return err;
	if ((flags & O_DIRECTORY) && (inode->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)) {
		if ((inode->mode & S_IFMT) == S_IFDIR)
			return -EISDIR;
		if ((inode->mode & S_IFMT) != S_IFCHR)
			return -EROFS;
	}
	f = file_open(inode, flags);
	if (!f)
		return -ENOMEM;
	if (inode->generate) {
		long n = inode->generate(f);

		if (n < 0) {
			fput(f);
			return n;
		}
		f->size = (u64)n; /* synthetic files are generated anew at every open */
	}
	fd = fd_install(f, 0, flags);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_openat(int dirfd, const char __user *upath, int flags, int mode)
{
	char *path;
	long err = getname(upath, &path);

	(void)mode;
	if (err)
		return err;
	err = do_openat(dirfd, path, flags);
	putname(path);
	return err;
}

long sys_fstat(int fd, void __user *statbuf)
{
	struct file *f = fget(fd);
	struct stat st;

	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	st.st_dev = 1;
	st.st_ino = f->inode->ino;
	st.st_mode = f->inode->mode;
	st.st_nlink = 1;
	st.st_size = (long)f->size;
	st.st_blksize = (int)PAGE_SIZE;
	st.st_blocks = (long)((f->size + 511) / 512);
	return copy_to_user(statbuf, &st, sizeof(st));
}

/* The last component of an absolute path. */
static const char *base_name(const char *path)
{
	const char *base = path;

	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	return base;
}

/* One directory entry in Linux's struct linux_dirent64 format into buf; its size or 0. */
static size_t fill_dirent(u8 *buf, size_t room, const struct inode *inode, long next_off)
{
	const char *name = base_name(inode->path);
	size_t namelen = strlen(name), reclen = ALIGN_UP(sizeof(struct linux_dirent64) + namelen + 1, 8);
	struct linux_dirent64 *d = (struct linux_dirent64 *)buf;

	if (reclen > room)
		return 0;
	memset(d, 0, reclen);
	d->d_ino = inode->ino;
	d->d_off = next_off;
	d->d_reclen = (unsigned short)reclen;
	d->d_type = (inode->mode & S_IFMT) == S_IFDIR ? DT_DIR :
		    (inode->mode & S_IFMT) == S_IFCHR ? DT_CHR : DT_REG;
	memcpy(d->d_name, name, namelen + 1);
	return reclen;
}

long sys_getdents64(int fd, void __user *dirp, size_t count)
{
	struct file *f = fget(fd);
	u8 kbuf[512];
	size_t used = 0;
	struct inode *child;

	if (!f)
		return -EBADF;
	if ((f->inode->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	if (!access_ok(dirp, count))
		return -EFAULT;
	/* f->pos counts the entries already returned. */
	while ((child = ramfs_dir_entry(f->inode, (size_t)f->pos)) != NULL) {
		size_t n = fill_dirent(kbuf, MIN(sizeof(kbuf), count - used), child, (long)f->pos + 1);

		if (n == 0)
			break;
		if (copy_to_user((u8 __user *)dirp + used, kbuf, n))
			return used ? (long)used : -EFAULT; /* Linux: the entries done, if any */
		used += n;
		f->pos++;
		cond_resched();
	}
	if (used == 0 && child)
		return -EINVAL; /* the buffer cannot hold even one entry */
	return (long)used;
}

long sys_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if ((unsigned int)cmd == FIONREAD && (f->inode->mode & S_IFMT) == S_IFREG) {
		int left = f->pos < f->size ? (int)MIN(f->size - f->pos, (u64)__INT_MAX__) : 0;

		return copy_to_user((int __user *)arg, &left, sizeof(left)) ? -EFAULT : 0;
	}
	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	return f->f_op->unlocked_ioctl(f, (unsigned int)cmd, arg);
}

long sys_getcwd(char __user *buf, size_t size)
{
	if (size < 2)
		return -ERANGE;
	if (copy_to_user(buf, "/", 2))
		return -EFAULT;
	return 2; /* Linux returns the length including the NUL */
}
