/*
 * Files and file descriptors. A struct file is an open file: an inode, a position and
 * the operations that read and write it. Each task's files[] maps descriptors to them;
 * fork shares them (refs counts the descriptors pointing at one). Descriptors 0, 1 and
 * 2 of init are the console.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <mm/uaccess.h>
#include <types.h>

struct file;
struct inode;
struct task;

struct file_operations {
	/* Read up to n bytes at file->pos into user memory; bytes read or -errno. */
	long (*read)(struct file *file, char __user *buf, size_t n);
	long (*write)(struct file *file, const char __user *buf, size_t n);
};

struct file {
	const struct file_operations *f_op;
	struct inode *inode;   /* what was opened (a reference, kernel/fs.h) */
	u64 pos;               /* where the next read starts */
	u64 size;              /* bytes in the file (synthetic files: as generated at open) */
	int flags;             /* O_RDONLY, O_WRONLY, O_RDWR, ... from open */
	int refs;              /* descriptors pointing here, in all tasks */
	char *contents;        /* synthetic files (/proc): text made at open, kmalloc'd */
};

/* Give t the console as descriptors 0, 1 and 2. */
int files_init_console(struct task *t);
/* fork: the child gets the parent's descriptors, sharing the open files. */
void files_copy(struct task *child, struct task *parent);
/* exit: close every descriptor. */
void files_close_all(struct task *t);
/* The open file behind descriptor fd of current, or NULL. */
struct file *fget(int fd);

long sys_read(int fd, char __user *buf, size_t n);
long sys_write(int fd, const char __user *buf, size_t n);
long sys_openat(int dirfd, const char __user *path, int flags, int mode);
long sys_close(int fd);
long sys_lseek(int fd, long offset, int whence);
long sys_getdents64(int fd, void __user *dirp, size_t count);
long sys_ioctl(int fd, unsigned long cmd, unsigned long arg);

#endif
