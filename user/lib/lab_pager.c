/*
 * The pager lab's pager (see lab_pager.h): lab_pager_handle(), which the lab is about,
 * and the thread that feeds it messages.
 */
#include <errno.h>
#include <lab_pager.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <uffd_pager.h>
#include <unistd.h>

/* LAB pager: begin */
/* Wake the faults waiting on the page at addr, when another answer mapped it first. */
static long wake_if_exists(struct lab_pager *p, unsigned long addr, long err)
{
	if (err != -EEXIST)
		return err;
	return uffd_wake(p->uffd, (void *)addr, LAB_PAGE_SIZE);
}

/* A write into a write-protected page: save it, then let the write go on. */
static long save_and_unprotect(struct lab_pager *p, unsigned long addr)
{
	struct uffdio_writeprotect wp = { .range = { .start = addr, .len = LAB_PAGE_SIZE },
					  .mode = 0 };
	long err;

	if (p->snapshot) {
		/* Reading it is allowed: only writes are held back. */
		memcpy(p->snapshot + (addr - p->start), (const void *)addr, LAB_PAGE_SIZE);
		p->nr_saved++;
	}
	/* Mode 0 clears the protection and, without UFFDIO_WRITEPROTECT_MODE_DONTWAKE,
	 * wakes the writer. */
	err = uffd_ioctl(p->uffd, UFFDIO_WRITEPROTECT, &wp);
	return err < 0 ? err : 0;
}

/* A missing page inside the file: its bytes, zeros after the file's end. */
static long copy_from_file(struct lab_pager *p, unsigned long addr)
{
	unsigned long offset = addr - p->start;
	long n = syscall6(__NR_pread64, p->fd, (long)p->buf, LAB_PAGE_SIZE, (long)offset, 0, 0);
	long err;

	if (n < 0)
		return n;
	memset(p->buf + n, 0, LAB_PAGE_SIZE - (unsigned long)n);
	err = uffd_copy(p->uffd, (void *)addr, p->buf, LAB_PAGE_SIZE, 0, NULL);
	if (err == 0)
		p->nr_copied++;
	return wake_if_exists(p, addr, err);
}

/* A hole: the shared zero page, copied only when written. */
static long map_zero_page(struct lab_pager *p, unsigned long addr)
{
	long err = uffd_zeropage(p->uffd, (void *)addr, LAB_PAGE_SIZE, 0, NULL);

	if (err == 0)
		p->nr_zeroed++;
	return wake_if_exists(p, addr, err);
}

long lab_pager_handle(struct lab_pager *p, const struct uffd_msg *msg)
{
	unsigned long addr = msg->arg.pagefault.address & ~(LAB_PAGE_SIZE - 1);

	if (msg->event != UFFD_EVENT_PAGEFAULT)
		return 0;
	if (addr < p->start || addr - p->start >= p->len)
		return -EFAULT;
	if (msg->arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WP)
		return save_and_unprotect(p, addr);
	if (p->fd < 0 || addr - p->start >= p->file_size)
		return map_zero_page(p, addr);
	return copy_from_file(p, addr);
}
#if 0 /* LAB pager: student */
long lab_pager_handle(struct lab_pager *p, const struct uffd_msg *msg)
{
	/*
	 * TODO(pager): resolve the fault msg describes and wake its thread, as
	 * include/lab_pager.h says: a WP fault saves the page into p->snapshot and clears
	 * the protection (UFFDIO_WRITEPROTECT, mode 0); a missing page is read from p->fd
	 * and mapped with UFFDIO_COPY, a hole gets UFFDIO_ZEROPAGE; -EEXIST means only a
	 * UFFDIO_WAKE is left to do. The helpers of user/include/uffd_pager.h return -errno.
	 */
	(void)p;
	(void)msg;
	return -ENOSYS;
}
#endif /* LAB pager: end */

/*
 * The pager thread: poll the descriptor and the stop pipe, one message at a time. Raw
 * system calls throughout: errno belongs to the threads it serves.
 */
static int lab_pager_thread(void *arg)
{
	struct lab_pager *p = arg;

	for (;;) {
		struct pollfd fds[2] = { { .fd = p->uffd, .events = POLLIN },
					 { .fd = p->stop_pipe[0], .events = POLLIN } };
		struct uffd_msg msg;
		long err;

		err = syscall6(__NR_ppoll, (long)fds, 2, 0, 0, 0, 0);
		if (err == -EINTR)
			continue;
		if (err >= 0 && fds[1].revents)
			return 0;
		if (err >= 0) {
			err = syscall6(__NR_read, p->uffd, (long)&msg, sizeof(msg), 0, 0, 0);
			if (err == -EAGAIN || err == -EINTR)
				continue; /* nothing to read after all */
			if (err >= 0)
				err = err == (long)sizeof(msg) ? lab_pager_handle(p, &msg) : -EIO;
		}
		if (err < 0) {
			p->error = err;
			/* Closing wakes the faults left waiting: none waits forever. */
			syscall6(__NR_close, p->uffd, 0, 0, 0, 0, 0);
			p->uffd = -1;
			return 0;
		}
	}
}

long lab_pager_start(struct lab_pager *p)
{
	long tid;

	p->nr_copied = p->nr_zeroed = p->nr_saved = 0;
	p->error = 0;
	if (pipe(p->stop_pipe) < 0)
		return -errno;
	tid = thread_create(&p->thread, lab_pager_thread, p, NULL);
	if (tid < 0) {
		close(p->stop_pipe[0]);
		close(p->stop_pipe[1]);
		return tid;
	}
	return 0;
}

void *lab_pager_serve(struct lab_pager *p, int uffd, unsigned long len, u64 mode, int fd,
		      unsigned long file_size, unsigned char *snapshot)
{
	void *area = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long err;

	if (area == MAP_FAILED)
		return NULL;
	err = uffd_register(uffd, area, len, mode, NULL);
	if (!err) {
		p->uffd = uffd;
		p->start = (unsigned long)area;
		p->len = len;
		p->fd = fd;
		p->file_size = file_size;
		p->snapshot = snapshot;
		err = lab_pager_start(p);
	}
	if (err) {
		munmap(area, len);
		errno = err < 0 ? (int)-err : EINVAL;
		return NULL;
	}
	return area;
}

long lab_pager_stop(struct lab_pager *p)
{
	char c = 0;

	if (write(p->stop_pipe[1], &c, 1) != 1 && !p->error)
		p->error = -errno;
	thread_join(&p->thread);
	close(p->stop_pipe[0]);
	close(p->stop_pipe[1]);
	return p->error;
}
