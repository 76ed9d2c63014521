/* seq_file: text files made record by record as they are read (see seq_file.h). */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/seq_file.h>
#include <kernel/uio.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

#include <stdarg.h>

#define SEQ_FIRST_SIZE 1024 /* the first buffer; doubled while a record does not fit */

int seq_open(struct file *file, const struct seq_operations *op, void *private)
{
	struct seq_file *m = kzalloc(sizeof(*m));

	if (!m)
		return -ENOMEM;
	m->op = op;
	m->private = private;
	m->file = file;
	init_rwsem(&m->lock);
	file->private_data = m;
	return 0;
}

/* single_open's iterator: one record, at position 0, made by m->single_show. */
static void *single_start(struct seq_file *m, u64 *pos)
{
	(void)m;
	return *pos == 0 ? (void *)1 : NULL;
}

static void *single_next(struct seq_file *m, void *v, u64 *pos)
{
	(void)m, (void)v;
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *m, void *v)
{
	(void)m, (void)v;
}

static int single_show(struct seq_file *m, void *v)
{
	(void)v;
	return m->single_show(m, NULL);
}

static const struct seq_operations single_ops = {
	.start = single_start, .next = single_next, .stop = single_stop, .show = single_show,
};

int single_open(struct file *file, int (*show)(struct seq_file *m, void *v), void *private)
{
	int err = seq_open(file, &single_ops, private);

	if (!err)
		seq_file_of(file)->single_show = show;
	return err;
}

void seq_release(struct file *file)
{
	struct seq_file *m = seq_file_of(file);

	if (!m)
		return;
	kfree(m->buf);
	kfree(m);
	file->private_data = NULL;
}

/* Give m an empty buffer of size bytes (the old one dropped): 0 or -ENOMEM. */
static int seq_buf_alloc(struct seq_file *m, size_t size)
{
	kfree(m->buf);
	m->count = m->from = 0;
	m->size = size;
	m->buf = size <= KMALLOC_MAX_SIZE ? kmalloc(size) : NULL;
	return m->buf ? 0 : -ENOMEM;
}

/*
 * Make the records before byte offset, dropping them, so that buf[from] is the byte at
 * offset (or nothing is left, past the end). 0, -EAGAIN after the buffer grew (call
 * again), or -errno.
 */
static int traverse(struct seq_file *m, u64 offset)
{
	u64 pos = 0;
	int err = 0;
	void *p;

	m->index = 0;
	m->count = m->from = 0;
	if (!offset)
		return 0;
	if (!m->buf && seq_buf_alloc(m, SEQ_FIRST_SIZE))
		return -ENOMEM;
	for (p = m->op->start(m, &m->index); p; ) {
		err = m->op->show(m, p);
		if (err < 0)
			break;
		if (seq_has_overflowed(m)) {
			m->op->stop(m, p);
			return seq_buf_alloc(m, m->size * 2) ? -ENOMEM : -EAGAIN;
		}
		p = m->op->next(m, p, &m->index);
		if (pos + m->count > offset) {
			m->from = (size_t)(offset - pos);
			m->count -= m->from;
			break;
		}
		pos += m->count;
		m->count = 0;
		if (pos == offset)
			break;
	}
	m->op->stop(m, p);
	return err;
}

/*
 * Fill m's buffer with the next record and, while the reader wants more than the buffer
 * holds, the ones after it; 0 at the end of the file (nothing made) or when the buffer
 * holds something, else -errno.
 */
static int seq_fill(struct seq_file *m, size_t want)
{
	int err = 0;
	void *p;

	m->from = 0;
	p = m->op->start(m, &m->index);
	for (;;) {
		if (!p)
			break;
		err = m->op->show(m, p);
		if (err < 0)
			break;
		if (!m->count) { /* an empty record */
			p = m->op->next(m, p, &m->index);
			continue;
		}
		if (!seq_has_overflowed(m))
			goto more;
		m->op->stop(m, p);
		if (seq_buf_alloc(m, m->size * 2))
			return -ENOMEM;
		p = m->op->start(m, &m->index);
	}
	m->op->stop(m, p);
	m->count = 0;
	return err;
more:
	/* One whole record is in; more, while they fit and the reader wants them. */
	for (;;) {
		size_t done = m->count;

		p = m->op->next(m, p, &m->index);
		if (!p || m->count >= want)
			break;
		err = m->op->show(m, p);
		if (err || seq_has_overflowed(m)) {
			m->count = done; /* made again by the next read */
			break;
		}
	}
	m->op->stop(m, p);
	return 0;
}

static long __seq_read_iter(struct seq_file *m, struct iov_iter *to, u64 *pos)
{
	size_t copied = 0, n;
	int err = 0;

	if (*pos != m->read_pos) { /* after an lseek, or a pread elsewhere */
		while ((err = traverse(m, *pos)) == -EAGAIN)
			;
		if (err) {
			m->read_pos = m->index = 0;
			m->count = 0;
			return err;
		}
		m->read_pos = *pos;
	}
	if (!m->buf && seq_buf_alloc(m, SEQ_FIRST_SIZE))
		return -ENOMEM;
	/* What the last read left of its records goes first. */
	if (m->count) {
		n = copy_to_iter(m->buf + m->from, m->count, to);
		m->count -= n;
		m->from += n;
		copied += n;
		if (m->count || !iov_iter_count(to))
			goto done;
	}
	err = seq_fill(m, iov_iter_count(to));
	if (!err && m->count) {
		n = copy_to_iter(m->buf, m->count, to);
		m->count -= n;
		m->from = n;
		copied += n;
	}
done:
	if (!copied)
		return m->count ? -EFAULT : err;
	*pos += copied;
	m->read_pos += copied;
	return (long)copied;
}

long seq_read_iter(struct file *file, struct iov_iter *to, u64 *pos)
{
	struct seq_file *m = seq_file_of(file);
	long ret;

	down_write(&m->lock);
	ret = __seq_read_iter(m, to, pos);
	up_write(&m->lock);
	return ret;
}

/* Linux's seq_lseek: SEEK_SET and SEEK_CUR to any offset >= 0; the records before it are
 * made (and dropped) at once, so an error shows here. */
static long __seq_lseek(struct file *file, struct seq_file *m, long offset, int whence)
{
	int err;

	if (whence == SEEK_CUR)
		offset += (long)file->pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	if ((u64)offset != m->read_pos) {
		while ((err = traverse(m, (u64)offset)) == -EAGAIN)
			;
		if (err) {
			file->pos = m->read_pos = m->index = 0;
			m->count = 0;
			return err;
		}
		m->read_pos = (u64)offset;
	}
	file->pos = (u64)offset;
	return offset;
}

long seq_lseek(struct file *file, long offset, int whence)
{
	struct seq_file *m = seq_file_of(file);
	long ret;

	down_write(&m->lock);
	ret = __seq_lseek(file, m, offset, whence);
	up_write(&m->lock);
	return ret;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int len;

	if (m->count >= m->size)
		return;
	va_start(ap, fmt);
	len = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= m->size - m->count)
		m->count = m->size; /* overflowed */
	else
		m->count += (size_t)len;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
	} else {
		m->count = m->size;
	}
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_setwidth(struct seq_file *m, size_t width)
{
	m->pad_until = m->count + width;
}

void seq_pad(struct seq_file *m, char c)
{
	while (m->count < m->pad_until && !seq_has_overflowed(m))
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}
