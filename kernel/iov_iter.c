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
	i->chunk[0] = &i->single;
	i->nr_segs = 1;
	i->seg = 0;
	i->iov_offset = 0;
	i->count = len;
	i->allocated = false;
}

/* Segment s of the iterator. */
static struct iovec *seg_at(const struct iov_iter *i, unsigned long s)
{
	return &i->chunk[s / IOV_PER_CHUNK][s % IOV_PER_CHUNK];
}

void iov_iter_release(struct iov_iter *i)
{
	if (i->allocated)
		for (size_t c = 0; c < IOV_CHUNKS; c++)
			kfree(i->chunk[c]);
	i->allocated = false;
}

/*
 * Copy the user's array in, a chunk at a time (one kmalloc holds at most a page).
 * 0, -ENOMEM or -EFAULT.
 */
static long copy_iovecs(struct iov_iter *i, const struct iovec __user *uvec)
{
	for (unsigned long s = 0; s < i->nr_segs; s += IOV_PER_CHUNK) {
		size_t n = MIN(i->nr_segs - s, IOV_PER_CHUNK) * sizeof(struct iovec);
		struct iovec **chunk = &i->chunk[s / IOV_PER_CHUNK];

		*chunk = kmalloc(n);
		if (!*chunk)
			return -ENOMEM;
		if (copy_from_user(*chunk, uvec + s, n))
			return -EFAULT;
	}
	return 0;
}

long import_iovec(const struct iovec __user *uvec, unsigned long nr_segs, struct iov_iter *i)
{
	size_t total = 0;
	long err;

	for (size_t c = 0; c < IOV_CHUNKS; c++)
		i->chunk[c] = NULL;
	i->allocated = true;
	i->nr_segs = nr_segs;
	i->seg = 0;
	i->iov_offset = 0;
	i->count = 0;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	err = copy_iovecs(i, uvec);
	if (err)
		return err;
	/* Linux's order: every length is checked for sign before any buffer is. */
	for (unsigned long s = 0; s < nr_segs; s++)
		if ((long)seg_at(i, s)->iov_len < 0)
			return -EINVAL;
	/* Linux's one-buffer shortcut (import_ubuf) cuts the length before checking it. */
	if (nr_segs == 1 && seg_at(i, 0)->iov_len > MAX_RW_COUNT)
		seg_at(i, 0)->iov_len = MAX_RW_COUNT;
	for (unsigned long s = 0; s < nr_segs; s++) {
		struct iovec *iov = seg_at(i, s);

		if (!access_ok(iov->iov_base, iov->iov_len))
			return -EFAULT;
		if (iov->iov_len > MAX_RW_COUNT - total)
			iov->iov_len = MAX_RW_COUNT - total;
		total += iov->iov_len;
	}
	i->count = total;
	return 0;
}

/*
 * The next piece of the iterator, at most max bytes, never crossing a user page boundary
 * (so a fault means none of it was copied); 0 at the end. Skips empty segments.
 */
static size_t next_piece(struct iov_iter *i, size_t max, u8 __user **at)
{
	const struct iovec *iov;

	while (i->seg < i->nr_segs && i->iov_offset == seg_at(i, i->seg)->iov_len) {
		i->seg++;
		i->iov_offset = 0;
	}
	if (i->seg == i->nr_segs || !i->count)
		return 0;
	iov = seg_at(i, i->seg);
	*at = (u8 __user *)iov->iov_base + i->iov_offset;
	max = MIN(max, iov->iov_len - i->iov_offset);
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
