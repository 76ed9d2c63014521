/*
 * read, write and their relatives: readv/writev (several buffers), pread64/pwrite64
 * (at a given position, the file's own left alone), preadv/pwritev (both), and lseek
 * (Linux's fs/read_write.c). All of them build an iov_iter and call the file's
 * read_iter/write_iter; the checks are Linux's, in Linux's order.
 */
#include <compiler.h>
#include <errno.h>
#include <kernel/file.h>
#include <kernel/uio.h>
#include <uapi/abi.h>

/*
 * Move bytes between f at *pos and the iterator (Linux's vfs_read/vfs_write after the
 * buffers were checked). -EBADF if f was not opened for it. Holds a reference to f
 * meanwhile: a read may sleep, and the descriptor may be closed under it.
 */
static long do_iter_rw(struct file *f, struct iov_iter *iter, u64 *pos, bool write)
{
	long ret;

	if ((f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	if (!iov_iter_count(iter) && !(f->f_op->fop_flags & FOP_ZERO_COUNT))
		return 0; /* Linux: a zero-length read or write does nothing */
	get_file(f);
	ret = write ? f->f_op->write_iter(f, iter, pos) : f->f_op->read_iter(f, iter, pos);
	fput(f);
	return ret;
}

/*
 * Linux's rw_verify_area: a read or write of count bytes at pos whose end would pass the
 * largest position (2^63 - 1) is -EINVAL, before anything moves. A file whose positions
 * are addresses (FOP_UNSIGNED_OFFSET) may be read anywhere, except by a transfer from a
 * "negative" position that would wrap past 2^64 to 0: -EOVERFLOW. A stream's position
 * stays 0, so this never refuses it.
 */
static long rw_verify_area(const struct file *f, u64 pos, size_t count)
{
	if ((long)pos < 0) {
		if (!(f->f_op->fop_flags & FOP_UNSIGNED_OFFSET))
			return -EINVAL;
		return count >= -pos ? -EOVERFLOW : 0;
	}
	if ((long)(pos + count) < 0 && !(f->f_op->fop_flags & FOP_UNSIGNED_OFFSET))
		return -EINVAL;
	return 0;
}

/* read/write/pread64/pwrite64: one buffer; pos NULL means the file's own position. */
static long rw_single(int fd, void __user *buf, size_t n, long *pos, bool write)
{
	struct file *f = fget(fd);
	struct iov_iter iter;
	long err;
	u64 p;

	if (!f)
		return -EBADF;
	if (pos && !f->f_op->llseek)
		return -ESPIPE;
	if ((f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	if (!access_ok(buf, n))
		return -EFAULT;
	/* the count before it is cut to MAX_RW_COUNT, as Linux's */
	if ((err = rw_verify_area(f, pos ? (u64)*pos : f->pos, n)))
		return err;
	iov_iter_init_single(&iter, buf, MIN(n, MAX_RW_COUNT));
	if (!pos)
		return do_iter_rw(f, &iter, &f->pos, write);
	p = (u64)*pos;
	return do_iter_rw(f, &iter, &p, write);
}

/* readv/writev/preadv/pwritev; pos NULL means the file's own position. */
static long rw_vector(int fd, const struct iovec __user *uvec, unsigned long nr_segs,
		      long *pos, bool write)
{
	struct file *f = fget(fd);
	struct iov_iter iter;
	long ret;
	u64 p;

	if (!f)
		return -EBADF;
	if (pos && !f->f_op->llseek)
		return -ESPIPE;
	if ((f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	ret = import_iovec(uvec, nr_segs, &iter);
	if (ret) {
		iov_iter_release(&iter);
		return ret;
	}
	if (iov_iter_count(&iter) &&
	    (ret = rw_verify_area(f, pos ? (u64)*pos : f->pos, iov_iter_count(&iter)))) {
		iov_iter_release(&iter);
		return ret;
	}
	if (pos) {
		p = (u64)*pos;
		ret = do_iter_rw(f, &iter, &p, write);
	} else {
		ret = do_iter_rw(f, &iter, &f->pos, write);
	}
	iov_iter_release(&iter);
	return ret;
}

long sys_read(int fd, char __user *buf, size_t n)
{
	return rw_single(fd, buf, n, NULL, false);
}

long sys_write(int fd, const char __user *buf, size_t n)
{
	return rw_single(fd, (void __user *)buf, n, NULL, true);
}

long sys_pread64(int fd, char __user *buf, size_t n, long pos)
{
	if (pos < 0)
		return -EINVAL;
	return rw_single(fd, buf, n, &pos, false);
}

long sys_pwrite64(int fd, const char __user *buf, size_t n, long pos)
{
	if (pos < 0)
		return -EINVAL;
	return rw_single(fd, (void __user *)buf, n, &pos, true);
}

/* The iovec count is an int to readv(2) but unsigned long to the system call: a
 * negative one is huge, and EINVAL like any count over UIO_MAXIOV. */
long sys_readv(int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return rw_vector(fd, vec, vlen, NULL, false);
}

long sys_writev(int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return rw_vector(fd, vec, vlen, NULL, true);
}

/* On a 64-bit arch the whole position is in pos_l; pos_h is ignored (Linux's
 * pos_from_hilo). */
long sys_preadv(int fd, const struct iovec __user *vec, unsigned long vlen,
		unsigned long pos_l, unsigned long pos_h)
{
	long pos = (long)pos_l;

	(void)pos_h;
	if (pos < 0)
		return -EINVAL;
	return rw_vector(fd, vec, vlen, &pos, false);
}

long sys_pwritev(int fd, const struct iovec __user *vec, unsigned long vlen,
		 unsigned long pos_l, unsigned long pos_h)
{
	long pos = (long)pos_l;

	(void)pos_h;
	if (pos < 0)
		return -EINVAL;
	return rw_vector(fd, vec, vlen, &pos, true);
}

long sys_lseek(int fd, long offset, int whence)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->llseek)
		return -ESPIPE;
	return f->f_op->llseek(f, offset, whence);
}
