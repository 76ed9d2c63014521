/*
 * Text files made as they are read (Linux's seq_file, fs/seq_file.c): /proc's files.
 *
 * A file is a sequence of records (a line of maps, a VMA's block of smaps, a whole
 * status), each printed by show() into a kernel buffer when a read reaches it, never
 * all at once at open: a file may be any size, and what a read returns is the state at
 * that read. The iterator is Linux's: start() finds the record at *pos (or NULL past the
 * last), next() the one after it, advancing *pos, stop() ends a batch. *pos is the
 * file's own numbering of records (an index, or an address for maps); read_iter turns
 * byte positions into it by replaying records from the start after an lseek.
 *
 * Rules a show() must keep:
 *  - It does not sleep and touches no user memory: the records of one batch are made
 *    between start() and stop(), which may hold locks; the copy to user space, which may
 *    fault and sleep, comes after stop().
 *  - It may print more than fits: the buffer then overflows (seq_has_overflowed), the
 *    batch is dropped and the record is made again in a bigger buffer, up to
 *    KMALLOC_MAX_SIZE. A record never reaches the reader cut short: the reader may take
 *    it a byte at a time, the rest is kept for the next read.
 *  - It returns 0, or a negative errno that ends the read.
 */
#ifndef KERNEL_SEQ_FILE_H
#define KERNEL_SEQ_FILE_H

#include <compiler.h>
#include <kernel/rwsem.h>
#include <types.h>

struct file;
struct inode;
struct iov_iter;
struct seq_file;

struct seq_operations {
	void *(*start)(struct seq_file *m, u64 *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, u64 *pos);
	int (*show)(struct seq_file *m, void *v);
};

struct seq_file {
	char *buf;        /* records made but not yet read: [from, from + count) */
	size_t size;      /* bytes buf holds */
	size_t from;      /* first byte not yet read */
	size_t count;     /* bytes not yet read */
	size_t pad_until; /* seq_pad() fills with spaces up to here (seq_setwidth) */
	u64 index;        /* the record start() finds next */
	u64 read_pos;     /* the file position buf[from] is at */
	const struct seq_operations *op;
	void *private;    /* the file's own (the process's pid, the VMA walk); seq_release
			     leaves it to the file's release */
	int (*single_show)(struct seq_file *m, void *v); /* single_open's show() */
	struct file *file;
	struct rw_semaphore lock; /* held for writing across a read or an lseek (Linux's
				     m->lock): threads sharing the open file may read it at
				     once, and a read sleeps (the mmap lock, a fault on the
				     reader's buffer) with buf, from and count half-used */
};

/*
 * Make file a seq_file reading op's records, with private for them (Linux's seq_open);
 * 0 or -ENOMEM. The file's release must be seq_release (or call it).
 */
int seq_open(struct file *file, const struct seq_operations *op, void *private);
/* A seq_file of one record, made by show(m, NULL) (Linux's single_open). */
int single_open(struct file *file, int (*show)(struct seq_file *m, void *v), void *private);
/* The file_operations members of a seq_file. */
long seq_read_iter(struct file *file, struct iov_iter *to, u64 *pos);
long seq_lseek(struct file *file, long offset, int whence);
void seq_release(struct file *file);
/* The seq_file behind an open file. */
static inline struct seq_file *seq_file_of(const struct file *file);

/* Printing into the record being made; past the buffer's end it overflows. */
void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* Pad with spaces up to width bytes past here at the next seq_pad() (Linux's). */
void seq_setwidth(struct seq_file *m, size_t width);
/* Spaces up to the width set, then c (if not 0). */
void seq_pad(struct seq_file *m, char c);

static inline bool seq_has_overflowed(const struct seq_file *m)
{
	return m->count == m->size;
}

#include <kernel/file.h>

static inline struct seq_file *seq_file_of(const struct file *file)
{
	return file->private_data;
}

#endif
