/* Iterators over user memory (see uio.h). */
#include <arch.h>
#include <asm/memory.h>
#include <errno.h>
#include <kernel/uio.h>
#include <mm/kmalloc.h>

void iov_iter_init_single(struct iov_iter *i, void __user *buf, size_t len)
{
	i->single.iov_base = buf;
	i->single.iov_len = len;
	i->iov = &i->single;
	i->nr_segs = 1;
	i->iov_offset = 0;
	i->count = len;
}

long import_iovec(const struct iovec __user *uvec, unsigned long nr_segs,
		  struct iovec **iov_out, struct iov_iter *i)
{
	struct iovec *iov = NULL;
	size_t total = 0;

	*iov_out = NULL;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs) {
		iov = kmalloc(nr_segs * sizeof(*iov));
		if (!iov)
			return -ENOMEM;
		if (copy_from_user(iov, uvec, nr_segs * sizeof(*iov))) {
			kfree(iov);
			return -EFAULT;
		}
	}
	/* Linux's order: every length is checked for sign before any buffer is. */
	for (unsigned long s = 0; s < nr_segs; s++) {
		if ((long)iov[s].iov_len < 0) {
			kfree(iov);
			return -EINVAL;
		}
	}
	/* Linux's one-buffer shortcut (import_ubuf) cuts the length before checking it. */
	if (nr_segs == 1 && iov[0].iov_len > MAX_RW_COUNT)
		iov[0].iov_len = MAX_RW_COUNT;
	for (unsigned long s = 0; s < nr_segs; s++) {
		if (!access_ok(iov[s].iov_base, iov[s].iov_len)) {
			kfree(iov);
			return -EFAULT;
		}
		if (iov[s].iov_len > MAX_RW_COUNT - total)
			iov[s].iov_len = MAX_RW_COUNT - total;
		total += iov[s].iov_len;
	}
	*iov_out = iov;
	i->iov = iov;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = total;
	return 0;
}

/*
 * The next piece of the iterator, at most max bytes, never crossing a user page boundary
 * (so a fault means none of it was copied); 0 at the end. Skips empty segments.
 */
static size_t next_piece(struct iov_iter *i, size_t max, u8 __user **at)
{
	while (i->nr_segs && i->iov_offset == i->iov->iov_len) {
		i->iov++;
		i->nr_segs--;
		i->iov_offset = 0;
	}
	if (!i->nr_segs || !i->count)
		return 0;
	*at = (u8 __user *)i->iov->iov_base + i->iov_offset;
	max = MIN(max, i->iov->iov_len - i->iov_offset);
	return MIN(max, PAGE_SIZE - (uintptr_t)*at % PAGE_SIZE);
}

static void advance(struct iov_iter *i, size_t n)
{
	i->iov_offset += n;
	i->count -= n;
}

size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i)
{
	size_t done = 0, piece;
	u8 __user *at;

	while (done < n && (piece = next_piece(i, n - done, &at)) != 0) {
		if (copy_to_user(at, (const u8 *)from + done, piece))
			break;
		advance(i, piece);
		done += piece;
	}
	return done;
}

size_t copy_from_iter(void *to, size_t n, struct iov_iter *i)
{
	size_t done = 0, piece;
	u8 __user *at;

	while (done < n && (piece = next_piece(i, n - done, &at)) != 0) {
		if (copy_from_user((u8 *)to + done, at, piece))
			break;
		advance(i, piece);
		done += piece;
	}
	return done;
}

size_t iov_iter_zero(size_t n, struct iov_iter *i)
{
	size_t done = 0, piece;
	u8 __user *at;

	while (done < n && (piece = next_piece(i, n - done, &at)) != 0) {
		if (clear_user(at, piece))
			break;
		advance(i, piece);
		done += piece;
	}
	return done;
}
