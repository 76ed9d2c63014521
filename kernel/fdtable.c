/*
 * The descriptor table of a process (Linux's fdtable, fs/file.c): current->files[fd] is
 * the open file behind descriptor fd, and bit fd of current->close_on_exec its one
 * descriptor flag, FD_CLOEXEC. A descriptor holds one reference to its file; dup() and
 * fork make more descriptors for the same file, so they share its position and status
 * flags but each has its own FD_CLOEXEC.
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
#include <mm/kmalloc.h>
#include <uapi/abi.h>

#define BITS_PER_WORD (8 * sizeof(long))

bool get_close_on_exec(int fd)
{
	return current->close_on_exec[fd / BITS_PER_WORD] & (1UL << (fd % BITS_PER_WORD));
}

void set_close_on_exec(int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_WORD);

	if (on)
		current->close_on_exec[fd / BITS_PER_WORD] |= bit;
	else
		current->close_on_exec[fd / BITS_PER_WORD] &= ~bit;
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files[fd];
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
	struct file *old = current->files[fd];

	current->files[fd] = f;
	set_close_on_exec(fd, flags & O_CLOEXEC);
	if (old)
		fput(old);
}

int fd_install(struct file *f, int start, int flags)
{
	unsigned long limit = rlimit(RLIMIT_NOFILE);

	for (int fd = start < 0 ? 0 : start; fd < NR_OPEN && (unsigned long)fd < limit; fd++) {
		if (!current->files[fd]) {
			install_at(fd, f, flags);
			return fd;
		}
	}
	return -EMFILE;
}

void files_copy(struct task *child, struct task *parent)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		child->files[fd] = parent->files[fd];
		if (child->files[fd])
			get_file(child->files[fd]);
	}
	for (size_t w = 0; w < ARRAY_SIZE(child->close_on_exec); w++)
		child->close_on_exec[w] = parent->close_on_exec[w];
}

void files_close_all(struct task *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (t->files[fd]) {
			fput(t->files[fd]);
			t->files[fd] = NULL;
		}
	}
	for (size_t w = 0; w < ARRAY_SIZE(t->close_on_exec); w++)
		t->close_on_exec[w] = 0;
}

void files_close_on_exec(struct task *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		unsigned long bit = 1UL << (fd % BITS_PER_WORD);

		if (!(t->close_on_exec[fd / BITS_PER_WORD] & bit))
			continue;
		t->close_on_exec[fd / BITS_PER_WORD] &= ~bit;
		if (t->files[fd]) {
			fput(t->files[fd]);
			t->files[fd] = NULL;
		}
	}
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
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
	f = oldfd < NR_OPEN ? current->files[oldfd] : NULL;
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
