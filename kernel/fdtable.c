/*
 * The descriptor table of a process (Linux's files_struct, fs/file.c): files[fd] of
 * current->files is the open file behind descriptor fd, and bit fd of its close_on_exec
 * the one descriptor flag, FD_CLOEXEC. A descriptor holds one reference to its file;
 * dup() and fork make more descriptors for the same file, so they share its position
 * and status flags but each has its own FD_CLOEXEC. Threads made with CLONE_FILES share
 * the table itself: a descriptor one opens, closes or marks is so for all of them.
 *
 * Descriptors go up to RLIMIT_NOFILE - 1 (1024 by default), and never beyond NR_OPEN - 1
 * (4096, the default hard limit). As Linux's table grows when a descriptor needs more
 * room (expand_files), this one grows a chunk of FD_CHUNK descriptors at a time: a
 * process with a few descriptors has one chunk.
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

/* Where descriptor fd's file is kept, or NULL if no descriptor has reached its chunk. */
static struct file **fd_slot(struct files_struct *files, int fd)
{
	struct file **chunk = files->chunk[fd / FD_CHUNK];

	return chunk ? &chunk[fd % FD_CHUNK] : NULL;
}

/* The same, making its chunk if there is none yet; NULL if out of memory. */
static struct file **fd_slot_alloc(struct files_struct *files, int fd)
{
	struct file ***chunk = &files->chunk[fd / FD_CHUNK];

	if (!*chunk)
		*chunk = kzalloc(FD_CHUNK * sizeof(struct file *));
	return *chunk ? &(*chunk)[fd % FD_CHUNK] : NULL;
}

/* The open file of descriptor fd (0 <= fd < NR_OPEN) in files, or NULL. */
static struct file *fd_file(struct files_struct *files, int fd)
{
	struct file **slot = fd_slot(files, fd);

	return slot ? *slot : NULL;
}

int fd_table_size(struct files_struct *files)
{
	int size = 0;

	for (size_t i = 0; files && i < ARRAY_SIZE(files->chunk); i++)
		if (files->chunk[i])
			size = (int)((i + 1) * FD_CHUNK);
	return size;
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return fd_file(current->files, fd);
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
	kfree(f);
}

/*
 * Put f at descriptor fd of current (free or not: an open one is closed after); 0, or
 * -ENOMEM if the table could not grow to fd (f is then not installed).
 */
static int install_at(int fd, struct file *f, int flags)
{
	struct file **slot = fd_slot_alloc(current->files, fd);
	struct file *old;

	if (!slot)
		return -ENOMEM;
	old = *slot;
	*slot = f;
	set_close_on_exec(fd, flags & O_CLOEXEC);
	if (old)
		fput(old);
	return 0;
}

int fd_install(struct file *f, int start, int flags)
{
	unsigned long limit = rlimit(RLIMIT_NOFILE);

	for (int fd = start < 0 ? 0 : start; fd < NR_OPEN && (unsigned long)fd < limit; fd++) {
		if (!fd_file(current->files, fd)) {
			int err = install_at(fd, f, flags);

			return err ? err : fd;
		}
	}
	return -EMFILE;
}

/* Free table files, whose descriptors are all closed already. */
static void free_files_struct(struct files_struct *files)
{
	for (size_t i = 0; i < ARRAY_SIZE(files->chunk); i++)
		kfree(files->chunk[i]);
	kfree(files);
}

/* A copy of table old: the same open files (one more reference each) and flags. */
static struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *new = kzalloc(sizeof(*new));

	if (!new)
		return NULL;
	new->count = 1;
	for (size_t i = 0; i < ARRAY_SIZE(old->chunk); i++) {
		if (!old->chunk[i])
			continue;
		new->chunk[i] = kmalloc(FD_CHUNK * sizeof(struct file *));
		if (!new->chunk[i]) {
			free_files_struct(new); /* no reference taken yet */
			return NULL;
		}
		memcpy(new->chunk[i], old->chunk[i], FD_CHUNK * sizeof(struct file *));
	}
	for (size_t i = 0; i < ARRAY_SIZE(new->chunk); i++) {
		for (size_t j = 0; new->chunk[i] && j < FD_CHUNK; j++)
			if (new->chunk[i][j])
				get_file(new->chunk[i][j]);
	}
	memcpy(new->close_on_exec, old->close_on_exec, sizeof(new->close_on_exec));
	return new;
}

/* Drop one holder of table files; the last closes every descriptor and frees it. */
static void put_files_struct(struct files_struct *files)
{
	if (--files->count)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(files->chunk); i++) {
		for (size_t j = 0; files->chunk[i] && j < FD_CHUNK; j++) {
			struct file *f = files->chunk[i][j];

			if (f) {
				files->chunk[i][j] = NULL;
				fput(f);
			}
		}
	}
	free_files_struct(files);
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
		struct file **slot;

		if (!files->close_on_exec[fd / BITS_PER_WORD]) {
			fd += BITS_PER_WORD - 1; /* a word with no bit set: skip it whole */
			continue;
		}
		if (!(files->close_on_exec[fd / BITS_PER_WORD] & bit))
			continue;
		files->close_on_exec[fd / BITS_PER_WORD] &= ~bit;
		slot = fd_slot(files, fd);
		if (slot && *slot) {
			struct file *f = *slot;

			*slot = NULL;
			fput(f);
		}
	}
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	*fd_slot(current->files, fd) = NULL;
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
	int err;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= rlimit(RLIMIT_NOFILE))
		return -EBADF;
	f = oldfd < NR_OPEN ? fd_file(current->files, (int)oldfd) : NULL;
	if (!f)
		return -EBADF;
	if (newfd >= NR_OPEN)
		return -EMFILE; /* beyond this kernel's ceiling (see the top of this file) */
	get_file(f);
	err = install_at((int)newfd, f, flags);
	if (err) {
		fput(f);
		return err;
	}
	return newfd;
}

long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd)
		return fget((int)oldfd) && oldfd < NR_OPEN ? (long)newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0);
}
