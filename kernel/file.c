/* Open files, descriptors and the file system calls (see file.h). */
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
#include <kernel/wait.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

static long console_read(struct file *file, char __user *buf, size_t n)
{
	char kbuf[256];
	long got;

	(void)file;
	got = tty_read(kbuf, MIN(n, sizeof(kbuf)));
	if (got > 0 && copy_to_user(buf, kbuf, (size_t)got)) {
		tty_unread((size_t)got); /* as Linux: only bytes delivered are consumed */
		return -EFAULT;
	}
	return got;
}

/*
 * Chunks of user memory that never cross a user page boundary: a chunk is then copied
 * whole or not at all, so a fault ends a transfer with an exact count of bytes done.
 */
static size_t user_chunk(const void __user *at, size_t left, size_t max)
{
	return MIN(MIN(left, max), PAGE_SIZE - (uintptr_t)at % PAGE_SIZE);
}

/*
 * As Linux's tty write: chunk by chunk, with a resched point after each (a 1 MiB write
 * takes seconds at the UART's pace, and the kernel is not preempted), ending early with
 * the bytes done if a signal is pending or the next chunk faults.
 */
static long console_write_op(struct file *file, const char __user *buf, size_t n)
{
	char kbuf[256];
	size_t done = 0;

	(void)file;
	while (done < n) {
		size_t chunk = user_chunk(buf + done, n - done, sizeof(kbuf));

		if (copy_from_user(kbuf, buf + done, chunk))
			return done ? (long)done : -EFAULT;
		console_write(kbuf, chunk);
		done += chunk;
		if (done < n && signal_pending_current())
			break;
		cond_resched();
	}
	return (long)done;
}

static const struct file_operations console_ops = { console_read, console_write_op };

/*
 * Regular files: initrd data, or text a synthetic file made at open. Copied out a user
 * page at a time, with a resched point after each; a fault ends the read with the bytes
 * done (-EFAULT if none), and the position moves by exactly those, as in Linux.
 */
static long ramfs_read(struct file *file, char __user *buf, size_t n)
{
	const u8 *data = file->contents ? (const u8 *)file->contents : file->inode->data;
	u64 size = file->size;
	size_t count, done = 0;

	if (file->pos >= size)
		return 0;
	count = (size_t)MIN((u64)n, size - file->pos);
	while (done < count) {
		size_t chunk = user_chunk(buf + done, count - done, PAGE_SIZE);

		if (copy_to_user(buf + done, data + file->pos, chunk))
			break;
		file->pos += chunk;
		done += chunk;
		cond_resched();
	}
	return done ? (long)done : -EFAULT;
}

static long read_only_write(struct file *file, const char __user *buf, size_t n)
{
	(void)file, (void)buf, (void)n;
	return -EBADF; /* never opened for writing: the file system is read-only */
}

static long dir_read(struct file *file, char __user *buf, size_t n)
{
	(void)file, (void)buf, (void)n;
	return -EISDIR;
}

static const struct file_operations ramfs_ops = { ramfs_read, read_only_write };
static const struct file_operations dir_ops = { dir_read, read_only_write };

static struct file *file_open(struct inode *inode, int flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->inode = iget(inode);
	f->size = inode->size;
	f->flags = flags;
	f->refs = 1;
	if (inode->i_fop)
		f->f_op = inode->i_fop; /* tmpfs files, /dev's devices */
	else if ((inode->mode & S_IFMT) == S_IFCHR)
		f->f_op = &console_ops;
	else if ((inode->mode & S_IFMT) == S_IFDIR)
		f->f_op = &dir_ops;
	else
		f->f_op = &ramfs_ops;
	return f;
}

static void file_put(struct file *f)
{
	if (--f->refs == 0) {
		iput(f->inode);
		kfree(f->contents);
		kfree(f);
	}
}

/* The lowest free descriptor of current, holding f; -EMFILE if none. */
static int fd_install(struct file *f)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files[fd];
}

int files_init_console(struct task *t)
{
	struct inode *console;
	struct file *f = kern_path("/dev/console", &console) ? NULL : file_open(console, O_RDWR);

	if (f)
		iput(console);
	if (!f)
		return -ENOMEM;
	f->refs = 3;
	for (int fd = 0; fd < 3; fd++)
		t->files[fd] = f;
	return 0;
}

void files_copy(struct task *child, struct task *parent)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		child->files[fd] = parent->files[fd];
		if (child->files[fd])
			child->files[fd]->refs++;
	}
}

void files_close_all(struct task *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (t->files[fd]) {
			file_put(t->files[fd]);
			t->files[fd] = NULL;
		}
	}
}

long sys_read(int fd, char __user *buf, size_t n)
{
	struct file *f = fget(fd);

	if (!f || (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!access_ok(buf, n))
		return -EFAULT;
	return f->f_op->read(f, buf, n);
}

long sys_write(int fd, const char __user *buf, size_t n)
{
	struct file *f = fget(fd);

	if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!access_ok(buf, n))
		return -EFAULT;
	return f->f_op->write(f, buf, n);
}

/*
 * The inode openat() opens, with a reference: looked up, or with O_CREAT made in its
 * directory if missing (O_EXCL: EEXIST if it is there).
 */
static int open_inode(int dirfd, const char *path, int flags, int mode, struct inode **out)
{
	struct last_component last;
	struct inode *dir, *inode;
	int err;

	if (!(flags & O_CREAT))
		return path_lookupat(dirfd, path, flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW, out);
	err = path_parentat(dirfd, path, &dir, &last);
	if (err)
		return err;
	if (!last.name[0] || strcmp(last.name, ".") == 0 || strcmp(last.name, "..") == 0 ||
	    last.trailing_slash)
		err = -EISDIR; /* "dir/" or "." with O_CREAT */
	else if ((inode = lookup_one(dir, last.name, strlen(last.name))) != NULL) {
		err = flags & O_EXCL ? -EEXIST : inode_is_dir(inode) ? -EISDIR : 0;
		if (!err && inode_is_link(inode) && !(flags & O_NOFOLLOW)) {
			iput(inode); /* follow it: only an existing target is opened here */
			err = path_lookupat(dirfd, path, LOOKUP_FOLLOW, &inode);
		}
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
		if (inode->generate)
			return -EACCES; /* /proc's files are read-only */
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
	if (inode->generate) {
		long n = inode->generate(f);

		if (n < 0) {
			file_put(f);
			return n;
		}
		f->size = (u64)n; /* synthetic files are generated anew at every open */
	}
	fd = fd_install(f);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_openat(int dirfd, const char __user *upath, int flags, int mode)
{
	char *path;
	long err = getname(upath, &path);

	if (err)
		return err;
	err = do_openat(dirfd, path, flags, mode);
	putname(path);
	return err;
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	file_put(f);
	return 0;
}

long sys_lseek(int fd, long offset, int whence)
{
	struct file *f = fget(fd);
	long base;

	if (!f)
		return -EBADF;
	if (f->f_op == &console_ops)
		return -ESPIPE;
	if ((f->inode->mode & S_IFMT) == S_IFCHR)
		return (long)(f->pos = 0); /* /dev/null, zero, urandom: always at 0, as Linux */
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (long)f->pos;
		break;
	case SEEK_END:
		base = (long)(f->inode->cache_only ? f->inode->size : f->size);
		break;
	default:
		return -EINVAL;
	}
	if (base + offset < 0)
		return -EINVAL;
	f->pos = (u64)(base + offset);
	return (long)f->pos;
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
	(void)cmd, (void)arg;
	return fget(fd) ? -ENOTTY : -EBADF;
}
