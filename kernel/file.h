/*
 * Files and file descriptors. A struct file is an open file (Linux's "open file
 * description"): an inode, a position, status flags and the operations that read and
 * write it. Each process's files_struct maps descriptors to them (kernel/fdtable.c); dup() and
 * fork share one struct file between descriptors, so they share its position and flags
 * (refs counts the descriptors pointing at it). Descriptors 0, 1 and 2 of init are the
 * console.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <mm/uaccess.h>
#include <types.h>

/*
 * Descriptors per process at most: RLIMIT_NOFILE's default hard limit. (Linux's own
 * ceiling, fs.nr_open, is 1048576.) The table grows in chunks of FD_CHUNK descriptors,
 * one kmalloc'd page of pointers each, as descriptors reach them.
 */
#define NR_OPEN  4096
#define FD_CHUNK (4096 / sizeof(struct file *))

struct file;
struct inode;
struct iov_iter;
struct task;

/*
 * What a kind of file does (Linux's struct file_operations, the members we need). Every
 * member but read_iter and write_iter may be NULL, which means what its comment says.
 */
struct file_operations {
	/*
	 * Linux's read_iter/write_iter with the kiocb reduced to the file and a position:
	 * move up to iov_iter_count(iter) bytes at *pos (read(2) passes &file->pos, pread
	 * a copy) and advance *pos by the bytes moved. Bytes moved, or -errno (-EFAULT if a
	 * fault came before any byte moved).
	 */
	long (*read_iter)(struct file *file, struct iov_iter *to, u64 *pos);
	long (*write_iter)(struct file *file, struct iov_iter *from, u64 *pos);
	/* lseek(); NULL: the file has no position (a pipe, the console), and lseek,
	 * pread and pwrite give -ESPIPE (Linux's no_llseek and missing FMODE_PREAD). */
	long (*llseek)(struct file *file, long offset, int whence);
	/* The POLL* events ready now (kernel/poll.h says how pollers learn of changes);
	 * NULL: always readable and writable, as a regular file (Linux's DEFAULT_POLLMASK). */
	unsigned int (*poll)(struct file *file);
	/* ioctl(); NULL: -ENOTTY. */
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/* Set file up at open(), after the checks (a /proc file makes its seq_file);
	 * 0 or -errno, which fails the open. NULL: nothing to do. */
	int (*open)(struct inode *inode, struct file *file);
	/* The last reference to file is going (fput); NULL: nothing to do. */
	void (*release)(struct file *file);
	unsigned int fop_flags; /* FOP_* below (Linux's fop_flags) */
};

/* Positions are addresses, not offsets: one past 2^63 - 1 is as good as any (Linux's
 * FOP_UNSIGNED_OFFSET, /proc/<pid>/mem's), so read_write.c lets them through. */
#define FOP_UNSIGNED_OFFSET (1u << 0)
/* read_iter and write_iter see zero-byte calls too (every file's do in Linux's read(2);
 * here only a file that answers them otherwise than with 0: a userfaultfd, EINVAL). */
#define FOP_ZERO_COUNT (1u << 1)

struct file {
	const struct file_operations *f_op;
	struct inode *inode;   /* what was opened (a reference, kernel/fs.h) */
	u64 pos;               /* where the next read starts */
	u64 size;              /* bytes in the file (as its inode had at open) */
	int flags;             /* access mode and status flags (O_NONBLOCK, O_APPEND), F_GETFL */
	int refs;              /* descriptors (in all tasks) and sleepers holding it */
	void *private_data;    /* the kind of file's own (a pipe's struct pipe_inode_info,
				  a /proc file's struct seq_file) */
};

/* Give t the console as descriptors 0, 1 and 2. */
int files_init_console(struct task *t);
/*
 * The descriptor table of a process (Linux's files_struct): files[fd] is the open file
 * behind descriptor fd, bit fd of close_on_exec its FD_CLOEXEC. Tasks made by
 * clone(CLONE_FILES) share one table (count says how many hold it); fork copies it.
 * No lock: only a task in process context touches a table, and nothing preempts the
 * kernel on one CPU between a test and the change it decides.
 */
struct files_struct {
	int count;                    /* tasks sharing this table */
	/* chunk[i][j]: the open file of descriptor i * FD_CHUNK + j; a chunk no descriptor
	 * has reached yet is NULL (kernel/fdtable.c) */
	struct file **chunk[NR_OPEN / FD_CHUNK];
	unsigned long close_on_exec[NR_OPEN / (8 * sizeof(long))]; /* bit fd: FD_CLOEXEC */
};

/*
 * clone: give child current's descriptor table, the same one if share (CLONE_FILES),
 * else a copy sharing the open files (Linux's copy_files). 0 or -ENOMEM.
 */
int copy_files(struct task *child, bool share);
/* exit: let go of t's table; the last task holding it closes every descriptor. */
void exit_files(struct task *t);
/*
 * execve: give current a table of its own if it shares one (Linux's unshare_files), so
 * the descriptors the new program closes are closed for it alone. 0 or -ENOMEM.
 */
int unshare_files(void);
/* execve, past the point of no return: close the descriptors marked FD_CLOEXEC. */
void files_close_on_exec(struct task *t);
/* The open file behind descriptor fd of current, or NULL. */
struct file *fget(int fd);
/* Another reference to f (Linux's get_file). */
void get_file(struct file *f);
/* Drop a reference to f; the last one releases it, drops its inode and frees it. */
void fput(struct file *f);
/* A new open file of inode with flags and ops, one reference, holding one on inode; NULL
 * if out of memory. */
struct file *alloc_file(struct inode *inode, int flags, const struct file_operations *fops);
/*
 * Give f (one reference, which the table takes over) the lowest free descriptor >= start
 * of current, with FD_CLOEXEC if flags has O_CLOEXEC; the descriptor, or -EMFILE.
 */
int fd_install(struct file *f, int start, int flags);
/* FD_CLOEXEC of descriptor fd of current (an open one). */
bool get_close_on_exec(int fd);
void set_close_on_exec(int fd, bool on);

/* The lseek() of a file whose bytes are [0, file->size) (Linux's generic_file_llseek). */
long generic_file_llseek(struct file *file, long offset, int whence);
/* The same for a file whose bytes are [0, eof) (Linux's generic_file_llseek_size). */
long generic_file_llseek_size(struct file *file, long offset, int whence, u64 eof);

long sys_read(int fd, char __user *buf, size_t n);
long sys_write(int fd, const char __user *buf, size_t n);
long sys_openat(int dirfd, const char __user *path, int flags, int mode);
long sys_close(int fd);
long sys_lseek(int fd, long offset, int whence);
long sys_getdents64(int fd, void __user *dirp, size_t count);
long sys_ioctl(int fd, unsigned long cmd, unsigned long arg);

#endif
