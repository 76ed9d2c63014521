/*
 * poll(), ppoll(), select() and pselect6(): Linux's event bits and structures
 * (include/uapi/asm-generic/poll.h, linux/posix_types.h), the same on both arches.
 * Shared by the kernel and user/.
 */
#ifndef UAPI_POLL_H
#define UAPI_POLL_H

#define POLLIN     0x001 /* data to read (or end of file) */
#define POLLPRI    0x002 /* urgent data (never, here) */
#define POLLOUT    0x004 /* a write would not block */
#define POLLERR    0x008 /* error: a pipe's write end with no reader left */
#define POLLHUP    0x010 /* hang-up: a pipe's read end with no writer left */
#define POLLNVAL   0x020 /* the descriptor is not open */
#define POLLRDNORM 0x040 /* POLLIN, for normal data */
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100 /* POLLOUT, for normal data */
#define POLLWRBAND 0x200

struct pollfd {
	int fd;              /* negative: ignored, revents 0 */
	short events;        /* what the caller waits for */
	short revents;       /* what happened (POLLERR, POLLHUP, POLLNVAL always reported) */
};

/* select()'s descriptor sets: FD_SETSIZE bits in longs (Linux's __kernel_fd_set). */
#define FD_SETSIZE 1024
typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(long))];
} fd_set;

#endif
