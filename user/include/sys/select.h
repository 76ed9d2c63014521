/* select() and pselect(), and the macros on their descriptor sets (uapi/poll.h). */
#ifndef USER_SYS_SELECT_H
#define USER_SYS_SELECT_H

#include <signal.h>
#include <time.h>
#include <uapi/abi.h>
#include <uapi/poll.h>

#define __FD_WORD(fd) ((fd) / (8 * (int)sizeof(long)))
#define __FD_BIT(fd)  (1UL << ((fd) % (8 * (int)sizeof(long))))
#define FD_ZERO(s)     __builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s)   ((s)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd))
#define FD_CLR(fd, s)   ((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd))
#define FD_ISSET(fd, s) (((s)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

/* Wait for descriptors in the sets below n to be ready; the sets are replaced by the
 * ready ones. The number of bits set, 0 on timeout (NULL: forever), or -1 with errno.
 * select() writes the time left back to *timeout, as Linux's does. */
int select(int n, fd_set *rfds, fd_set *wfds, fd_set *efds, struct timeval *timeout);
int pselect(int n, fd_set *rfds, fd_set *wfds, fd_set *efds, const struct timespec *timeout,
	    const sigset_t *sigmask);

#endif
