/*
 * The descriptor table of a process (Linux's files_struct, fs/file.c): files[fd] of
 * current->files is the open file behind descriptor fd, and bit fd of its close_on_exec
 * the one descriptor flag, FD_CLOEXEC. A descriptor holds one reference to its file;
 * dup() and fork make more descriptors for the same file, so they share its position
 * and status flags but each has its own FD_CLOEXEC. Threads made with CLONE_FILES share
 * the table itself: a descriptor one opens, closes or marks is so for all of them.
 *
 * Descriptors go up to NR_OPEN - 1. Linux's limit is RLIMIT_NOFILE (1024 by default, as
 * here), with a table that grows from 64: a descriptor in [NR_OPEN, RLIMIT_NOFILE) is
 * -EMFILE here where Linux would have grown its table, one at or beyond the limit is
 * refused as Linux refuses it.
 */
#include <errno.h>
#include <kernel/fdtable.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/rlimit.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

#define BITS_PER_WORD (8 * sizeof(long))

bool get_close_on_exec(int fd)
{
	return current->files->close_on_exec[fd / BITS_PER_WORD] & (1UL << (fd % BITS_PER_WORD));
}

void set_close_on_exec(int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_WORD);

	if (on)
		current->files->close_on_exec[fd / BITS_PER_WORD] |= bit;
	else
		current->files->close_on_exec[fd / BITS_PER_WORD] &= ~bit;
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files->files[fd];
}

void get_file(struct file *f)
{
	f->refs++;
}

void fput(struct file *f)
{
	if (--f->refs)
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	iput(f->inode);
	kfree(f->contents);
	kfree(f);
}

/* Put f at descriptor fd of current (free or not: an open one is closed after). */
static void install_at(int fd, struct file *f, int flags)
{
	struct file *old = current->files->files[fd];

	current->files->files[fd] = f;
	set_close_on_exec(fd, flags & O_CLOEXEC);
	if (old)
		fput(old);
}

int fd_install(struct file *f, int start, int flags)
{
	unsigned long limit = rlimit(RLIMIT_NOFILE);

	for (int fd = start < 0 ? 0 : start; fd < NR_OPEN && (unsigned long)fd < limit; fd++) {
		if (!current->files->files[fd]) {
			install_at(fd, f, flags);
			return fd;
		}
	}
	return -EMFILE;
}

/* A copy of table old: the same open files (one more reference each) and flags. */
static struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *new = kzalloc(sizeof(*new));

	if (!new)
		return NULL;
	new->count = 1;
	for (int fd = 0; fd < NR_OPEN; fd++) {
		new->files[fd] = old->files[fd];
		if (new->files[fd])
			get_file(new->files[fd]);
	}
	memcpy(new->close_on_exec, old->close_on_exec, sizeof(new->close_on_exec));
	return new;
}

/* Drop one holder of table files; the last closes every descriptor and frees it. */
static void put_files_struct(struct files_struct *files)
{
	if (--files->count)
		return;
	for (int fd = 0; fd < NR_OPEN; fd++) {
		struct file *f = files->files[fd];

		files->files[fd] = NULL;
		if (f)
			fput(f);
	}
	kfree(files);
}

int copy_files(struct task *child, bool share)
{
	if (share) {
		current->files->count++;
		child->files = current->files;
		return 0;
	}
	child->files = dup_fd(current->files);
	return child->files ? 0 : -ENOMEM;
}

void exit_files(struct task *t)
{
	struct files_struct *files = t->files;

	if (!files)
		return;
	t->files = NULL;
	put_files_struct(files);
}

int unshare_files(void)
{
	struct files_struct *old = current->files;
	struct files_struct *copy;

	if (old->count == 1)
		return 0;
	copy = dup_fd(old);
	if (!copy)
		return -ENOMEM;
	current->files = copy;
	put_files_struct(old); /* others still hold it: nothing is closed */
	return 0;
}

void files_close_on_exec(struct task *t)
{
	struct files_struct *files = t->files;

	for (int fd = 0; fd < NR_OPEN; fd++) {
		unsigned long bit = 1UL << (fd % BITS_PER_WORD);

		if (!(files->close_on_exec[fd / BITS_PER_WORD] & bit))
			continue;
		files->close_on_exec[fd / BITS_PER_WORD] &= ~bit;
		if (files->files[fd]) {
			fput(files->files[fd]);
			files->files[fd] = NULL;
		}
	}
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files->files[fd] = NULL;
	set_close_on_exec(fd, false);
	fput(f);
	return 0;
}

long sys_dup(int oldfd)
{
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	get_file(f);
	fd = fd_install(f, 0, 0);
	if (fd < 0)
		fput(f);
	return fd;
}

long do_dup_from(int oldfd, int start, int flags)
{
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	if (start < 0 || (unsigned long)start >= rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	get_file(f);
	fd = fd_install(f, start, flags);
	if (fd < 0)
		fput(f);
	return fd;
}

/* Linux's ksys_dup3, in its order of checks. The descriptors are unsigned there. */
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= rlimit(RLIMIT_NOFILE))
		return -EBADF;
	f = oldfd < NR_OPEN ? current->files->files[oldfd] : NULL;
	if (!f)
		return -EBADF;
	if (newfd >= NR_OPEN)
		return -EMFILE; /* Linux would grow its table (see the top of this file) */
	get_file(f);
	install_at((int)newfd, f, flags);
	return newfd;
}

long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd)
		return fget((int)oldfd) && oldfd < NR_OPEN ? (long)newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0);
}
