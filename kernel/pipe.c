/*
 * Pipes (Linux's fs/pipe.c): a ring of bytes in kernel memory with two open files, a
 * read end and a write end. The rules, all Linux's:
 *
 * - The ring holds PIPE_SIZE bytes (Linux's default: 16 pages). Its pages are allocated
 *   when a write first reaches them and freed when a read drains them (unless the writer
 *   has come round into the same page again), so an idle pipe holds at most one or two,
 *   and the last close frees everything.
 * - read() returns what is there (up to its count) without waiting for more; on an empty
 *   pipe it sleeps until a writer writes, or returns 0 (end of file) once no write end
 *   is open, or -EAGAIN with O_NONBLOCK.
 * - write() of at most PIPE_BUF bytes is atomic: it waits until all of it fits, and no
 *   other writer's bytes come in between. A bigger write goes in as room appears and
 *   may be interleaved. With O_NONBLOCK it writes what fits now (a small one: all or
 *   -EAGAIN). With no read end open it raises SIGPIPE and fails with -EPIPE.
 * - A signal ends a sleeping read or write: with the bytes already moved if any, else
 *   -ERESTARTSYS (so SA_RESTART restarts it, another handler makes it -EINTR).
 * - A fault in the user buffer moves nothing of the chunk it hit: a read leaves those
 *   bytes in the pipe, a write leaves them out (Linux copies a page-sized chunk at a
 *   time into or out of a pipe_buffer, and commits a chunk only if it copied whole).
 *   The result is the bytes of the chunks before it, or -EFAULT.
 */
#include <arch.h>
#include <asm/memory.h>
#include <errno.h>
#include <kernel/fdtable.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/pipe.h>
#include <kernel/poll.h>
#include <kernel/rwsem.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/uio.h>
#include <kernel/wait.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>
#include <uapi/fcntl.h>
#include <uapi/poll.h>

#define PIPE_DEF_BUFFERS 16                          /* Linux's default: 16 pages */
#define PIPE_SIZE        (PIPE_DEF_BUFFERS * PAGE_SIZE)

struct pipe_inode_info {
	/*
	 * Linux's pipe->mutex: protects the ring (pages, head, tail) and the counts of
	 * ends. A sleeping lock, because a copy from or to user memory may fault and sleep
	 * with it held; it is dropped before waiting for data or room.
	 */
	struct rw_semaphore mutex;
	struct page *pages[PIPE_DEF_BUFFERS]; /* byte b of the stream is in page
						 (b % PIPE_SIZE) / PAGE_SIZE; NULL: none yet */
	u64 head;                    /* bytes ever written (free-running) */
	u64 tail;                    /* bytes ever read; head - tail are in the pipe */
	int readers;                 /* open files on the read end */
	int writers;                 /* open files on the write end */
	struct wait_queue rd_wait;   /* readers waiting for bytes or the last writer's close */
	struct wait_queue wr_wait;   /* writers waiting for room or the last reader's close */
};

/*
 * Linux's pipefs: the file system a pipe's inode belongs to, mounted nowhere. The inode
 * is what fstat() sees (S_IFIFO | 0600, size 0); each end holds a reference to it, so the
 * last fput() frees it, after pipe_release() has freed the ring.
 */
static struct super_block pipefs_sb = { .s_type = "pipefs", .s_dev = 4, .s_next_ino = 1 };

static size_t pipe_room(const struct pipe_inode_info *pipe)
{
	return PIPE_SIZE - (size_t)(pipe->head - pipe->tail);
}

/* The ring's bytes at stream position at, up to the end of their page. */
static u8 *ring_at(struct pipe_inode_info *pipe, u64 at, size_t *len)
{
	size_t off = (size_t)(at % PIPE_SIZE);
	struct page **page = &pipe->pages[off / PAGE_SIZE];

	*len = PAGE_SIZE - off % PAGE_SIZE;
	if (!*page)
		*page = alloc_page();
	return *page ? (u8 *)page_address(*page) + off % PAGE_SIZE : NULL;
}

static void wake_pipe(struct wait_queue *wq)
{
	wake_up(wq);
	poll_wake_up();
}

/*
 * One chunk of a read: up to n bytes at the tail, within one page of the ring, into the
 * iterator. Bytes consumed, 0 if the copy faulted (nothing consumed then).
 */
static size_t read_chunk(struct pipe_inode_info *pipe, struct iov_iter *to, size_t n)
{
	size_t len;
	u8 *src = ring_at(pipe, pipe->tail, &len);

	n = MIN(n, len);
	if (!src || copy_to_iter(src, n, to) < n)
		return 0;
	pipe->tail += n;
	/* Drained a page: free it, unless the writer has already come round into it again. */
	if (pipe->tail % PAGE_SIZE == 0 && pipe->head <= pipe->tail + PIPE_SIZE - PAGE_SIZE) {
		struct page **page = &pipe->pages[(pipe->tail - 1) % PIPE_SIZE / PAGE_SIZE];

		put_page(*page);
		*page = NULL;
	}
	return n;
}

static long pipe_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	struct pipe_inode_info *pipe = file->private_data;
	long ret = 0;

	(void)pos;
	down_write(&pipe->mutex);
	for (;;) {
		size_t avail = (size_t)(pipe->head - pipe->tail), got;

		if (avail) {
			got = read_chunk(pipe, to, MIN(avail, iov_iter_count(to)));
			if (!got) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			ret += (long)got;
			if (!iov_iter_count(to))
				break;
			continue;
		}
		if (ret || !pipe->writers)
			break; /* some bytes, or end of file */
		if (file->flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		up_write(&pipe->mutex);
		ret = wait_event_interruptible(&pipe->rd_wait,
					       pipe->head != pipe->tail || !pipe->writers);
		down_write(&pipe->mutex);
		if (ret)
			break; /* -ERESTARTSYS */
	}
	up_write(&pipe->mutex);
	if (ret > 0)
		wake_pipe(&pipe->wr_wait);
	return ret;
}

/*
 * One chunk of a write: n bytes (at most a page, at most the room) from the iterator to
 * the head. n if it went in whole, 0 if the copy faulted (nothing committed then),
 * -ENOMEM if a page could not be had.
 */
static long write_chunk(struct pipe_inode_info *pipe, struct iov_iter *from, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t len;
		u8 *dst = ring_at(pipe, pipe->head + done, &len);

		if (!dst)
			return -ENOMEM;
		len = MIN(len, n - done);
		if (copy_from_iter(dst, len, from) < len)
			return 0;
		done += len;
	}
	pipe->head += n;
	return (long)n;
}

/* Linux's send_sig(SIGPIPE, current, 0): SI_USER, from ourselves. */
static void send_sigpipe(void)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGPIPE;
	info.si_code = SI_USER;
	info.si_pid = current->pid;
	send_signal(SIGPIPE, &info, current);
}

static long pipe_write(struct file *file, struct iov_iter *from, u64 *pos)
{
	struct pipe_inode_info *pipe = file->private_data;
	size_t total = iov_iter_count(from);
	long ret = 0, err = 0;

	(void)pos;
	down_write(&pipe->mutex);
	for (;;) {
		/* A small write waits for room for all of it: that is its atomicity. */
		size_t need = total <= PIPE_BUF ? total : 1;

		if (!pipe->readers) {
			send_sigpipe();
			err = -EPIPE;
			break;
		}
		if (pipe_room(pipe) >= need) {
			size_t n = MIN(MIN(iov_iter_count(from), PAGE_SIZE), pipe_room(pipe));
			long put = write_chunk(pipe, from, n);

			if (put <= 0) {
				err = put ? put : -EFAULT;
				break;
			}
			ret += put;
			wake_pipe(&pipe->rd_wait);
			if (!iov_iter_count(from))
				break;
			continue;
		}
		if (file->flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (signal_pending_current()) {
			err = -ERESTARTSYS;
			break;
		}
		up_write(&pipe->mutex);
		err = wait_event_interruptible(&pipe->wr_wait,
					       pipe_room(pipe) >= need || !pipe->readers);
		down_write(&pipe->mutex);
		if (err)
			break;
	}
	up_write(&pipe->mutex);
	return ret ? ret : err;
}

static unsigned int pipe_poll(struct file *file)
{
	struct pipe_inode_info *pipe = file->private_data;
	unsigned int mask = 0;

	if ((file->flags & O_ACCMODE) == O_RDONLY) {
		if (pipe->head != pipe->tail)
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	} else {
		if (pipe_room(pipe) >= PIPE_BUF) /* a write of PIPE_BUF would not block */
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = file->private_data;
	int count;

	if (cmd != FIONREAD)
		return -ENOTTY;
	count = (int)(pipe->head - pipe->tail);
	return copy_to_user((int __user *)arg, &count, sizeof(count));
}

static void free_pipe(struct pipe_inode_info *pipe)
{
	for (int i = 0; i < PIPE_DEF_BUFFERS; i++)
		if (pipe->pages[i])
			put_page(pipe->pages[i]);
	kfree(pipe);
}

static void pipe_release(struct file *file)
{
	struct pipe_inode_info *pipe = file->private_data;
	bool gone;

	down_write(&pipe->mutex);
	if ((file->flags & O_ACCMODE) == O_RDONLY)
		pipe->readers--;
	else
		pipe->writers--;
	gone = !pipe->readers && !pipe->writers;
	up_write(&pipe->mutex);
	if (gone) {
		free_pipe(pipe);
		return;
	}
	wake_up(&pipe->rd_wait); /* a reader sees end of file, a writer EPIPE */
	wake_pipe(&pipe->wr_wait);
}

static const struct file_operations pipe_fops = {
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.poll = pipe_poll,
	.unlocked_ioctl = pipe_ioctl,
	.release = pipe_release,
};

static struct pipe_inode_info *alloc_pipe(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe));

	if (!pipe)
		return NULL;
	init_rwsem(&pipe->mutex);
	init_wait_queue(&pipe->rd_wait);
	init_wait_queue(&pipe->wr_wait);
	return pipe;
}

/*
 * Linux accepts O_DIRECT too (a "packet mode" pipe, one write per read); that is not
 * implemented, and refused with the other unknown flags.
 */
long sys_pipe2(int __user *ufds, int flags)
{
	struct pipe_inode_info *pipe;
	struct inode *inode;
	struct file *rd, *wr;
	int fds[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	inode = new_inode(&pipefs_sb, NULL, S_IFIFO | 0600);
	pipe = inode ? alloc_pipe() : NULL;
	rd = pipe ? alloc_file(inode, O_RDONLY | (flags & O_NONBLOCK), &pipe_fops) : NULL;
	wr = rd ? alloc_file(inode, O_WRONLY | (flags & O_NONBLOCK), &pipe_fops) : NULL;
	iput(inode); /* the ends hold their own references */
	if (!wr) {
		if (rd)
			iput(rd->inode);
		kfree(rd);
		kfree(pipe);
		return -ENOMEM;
	}
	rd->private_data = wr->private_data = pipe;
	pipe->readers = pipe->writers = 1;
	fds[0] = fd_install(rd, 0, flags);
	if (fds[0] < 0) {
		fput(rd);
		fput(wr);
		return -EMFILE;
	}
	fds[1] = fd_install(wr, 0, flags);
	if (fds[1] < 0) {
		sys_close(fds[0]);
		fput(wr);
		return -EMFILE;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		sys_close(fds[0]);
		sys_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(int __user *ufds)
{
	return sys_pipe2(ufds, 0);
}
