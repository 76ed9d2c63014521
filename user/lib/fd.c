/*
 * System calls on descriptors: pipes, dup, fcntl, vectored and positioned I/O, poll and
 * select. riscv64's generic table lacks pipe, dup2, poll and select: there they are made
 * from pipe2, dup3, ppoll and pselect6, as glibc and musl make them.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <sys/select.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

int pipe2(int fds[2], int flags)
{
	return (int)syscall_ret(__NR_pipe2, fds, flags, 0, 0, 0, 0);
}

int pipe(int fds[2])
{
#ifdef __NR_pipe
	return (int)syscall_ret(__NR_pipe, fds, 0, 0, 0, 0, 0);
#else
	return pipe2(fds, 0);
#endif
}

int dup(int fd)
{
	return (int)syscall_ret(__NR_dup, fd, 0, 0, 0, 0, 0);
}

int dup3(int oldfd, int newfd, int flags)
{
	return (int)syscall_ret(__NR_dup3, oldfd, newfd, flags, 0, 0, 0);
}

int dup2(int oldfd, int newfd)
{
#ifdef __NR_dup2
	return (int)syscall_ret(__NR_dup2, oldfd, newfd, 0, 0, 0, 0);
#else
	if (oldfd == newfd) /* dup3 refuses it; dup2 checks that oldfd is open */
		return fcntl(oldfd, F_GETFD) < 0 ? -1 : newfd;
	return dup3(oldfd, newfd, 0);
#endif
}

int fcntl(int fd, int cmd, ...)
{
	unsigned long arg;
	va_list ap;

	va_start(ap, cmd);
	arg = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)syscall_ret(__NR_fcntl, fd, cmd, arg, 0, 0, 0);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return syscall_ret(__NR_readv, fd, iov, iovcnt, 0, 0, 0);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return syscall_ret(__NR_writev, fd, iov, iovcnt, 0, 0, 0);
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	return syscall_ret(__NR_pread64, fd, buf, count, offset, 0, 0);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	return syscall_ret(__NR_pwrite64, fd, buf, count, offset, 0, 0);
}

/* The offset goes in two halves (low, high); on a 64-bit arch the low one holds it all. */
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	return syscall_ret(__NR_preadv, fd, iov, iovcnt, offset, 0, 0);
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	return syscall_ret(__NR_pwritev, fd, iov, iovcnt, offset, 0, 0);
}

int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	  const sigset_t *sigmask)
{
	/* The kernel writes the time left back: give it a copy, as the C library does. */
	struct timespec ts, *tsp = NULL;

	if (timeout) {
		ts = *timeout;
		tsp = &ts;
	}
	return (int)syscall_ret(__NR_ppoll, fds, nfds, tsp, sigmask, sizeof(sigset_t), 0);
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
#ifdef __NR_poll
	return (int)syscall_ret(__NR_poll, fds, nfds, timeout_ms, 0, 0, 0);
#else
	struct timespec ts = { timeout_ms / 1000, timeout_ms % 1000 * 1000000L };

	return ppoll(fds, nfds, timeout_ms < 0 ? NULL : &ts, NULL);
#endif
}

int pselect(int n, fd_set *rfds, fd_set *wfds, fd_set *efds, const struct timespec *timeout,
	    const sigset_t *sigmask)
{
	struct timespec ts, *tsp = NULL;
	long pack[2] = { (long)sigmask, sizeof(sigset_t) };

	if (timeout) {
		ts = *timeout;
		tsp = &ts;
	}
	return (int)syscall_ret(__NR_pselect6, n, rfds, wfds, efds, tsp, sigmask ? pack : NULL);
}

int select(int n, fd_set *rfds, fd_set *wfds, fd_set *efds, struct timeval *timeout)
{
#ifdef __NR_select
	return (int)syscall_ret(__NR_select, n, rfds, wfds, efds, timeout, 0);
#else
	struct timespec ts, *tsp = NULL;
	int r;

	if (timeout) {
		ts.tv_sec = timeout->tv_sec;
		ts.tv_nsec = timeout->tv_usec * 1000;
		tsp = &ts;
	}
	r = (int)syscall_ret(__NR_pselect6, n, rfds, wfds, efds, tsp, 0);
	if (timeout) { /* the time left, as Linux's select() writes it */
		timeout->tv_sec = ts.tv_sec;
		timeout->tv_usec = ts.tv_nsec / 1000;
	}
	return r;
#endif
}
