/*
 * Iterators over user memory (Linux's struct iov_iter, user iovecs only): the one
 * shape every read and write takes, whether it came from read(2) (one buffer) or readv(2)
 * (up to UIO_MAXIOV of them). A file's read_iter/write_iter moves bytes with
 * copy_to_iter()/copy_from_iter(), which advance the iterator by what they moved.
 *
 * Copies go a user page at a time, so a fault stops them at a page boundary and the
 * count they return is exact: that is what a partial read or write reports.
 */
#ifndef KERNEL_UIO_H
#define KERNEL_UIO_H

#include <mm/uaccess.h>
#include <types.h>
#include <uapi/uio.h>

/* Linux's MAX_RW_COUNT: one read or write moves at most this much (INT_MAX, page-aligned). */
#define MAX_RW_COUNT (0x7fffffffUL & ~4095UL)

/* Iovecs in one kmalloc'd chunk (KMALLOC_MAX_SIZE bytes); UIO_MAXIOV of them take 4. */
#define IOV_PER_CHUNK (4096 / sizeof(struct iovec))
#define IOV_CHUNKS    ((UIO_MAXIOV + IOV_PER_CHUNK - 1) / IOV_PER_CHUNK)

struct iov_iter {
	struct iovec *chunk[IOV_CHUNKS]; /* the kernel copy of the user's array, in chunks
					    (readv); chunk[0] is &single for read(2) */
	unsigned long nr_segs;   /* segments in all */
	unsigned long seg;       /* the current one */
	size_t iov_offset;       /* bytes of the current segment already done */
	size_t count;            /* bytes left in all segments */
	bool allocated;          /* the chunks were kmalloc'd (import_iovec) */
	struct iovec single;     /* the one segment of read(2)/write(2) */
};

/* An iterator over the one user buffer [buf, buf + len). */
void iov_iter_init_single(struct iov_iter *i, void __user *buf, size_t len);
/*
 * readv/writev: copy nr_segs iovecs from user memory at uvec into kmalloc'd chunks and
 * start i over them; iov_iter_release() frees them, whatever this returned. Linux's
 * import_iovec: -EINVAL for nr_segs over UIO_MAXIOV or a length over SSIZE_MAX, -EFAULT
 * for an unreadable array or a buffer outside user space; a total over MAX_RW_COUNT is cut
 * (a single iovec is cut before it is checked, as Linux's import_ubuf does).
 */
long import_iovec(const struct iovec __user *uvec, unsigned long nr_segs, struct iov_iter *i);
/* Free what import_iovec() allocated. */
void iov_iter_release(struct iov_iter *i);

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/* Cut the iterator to at most count bytes (Linux's iov_iter_truncate). */
static inline void iov_iter_truncate(struct iov_iter *i, u64 count)
{
	if (i->count > count)
		i->count = (size_t)count;
}

/* Copy up to n bytes from kernel memory into the iterator; bytes copied (short: a fault). */
size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i);
/* Copy up to n bytes from the iterator into kernel memory; bytes copied (short: a fault). */
size_t copy_from_iter(void *to, size_t n, struct iov_iter *i);
/* Write up to n zero bytes into the iterator; bytes written (short: a fault). */
size_t iov_iter_zero(size_t n, struct iov_iter *i);

#endif
