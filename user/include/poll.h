/* poll() and ppoll(): Linux's POLL* bits and struct pollfd (uapi/poll.h). */
#ifndef USER_POLL_H
#define USER_POLL_H

#include <signal.h>
#include <time.h>
#include <uapi/poll.h>

typedef unsigned long nfds_t;

/* Wait up to timeout_ms (negative: forever) for an event on fds; the number of entries
 * with a non-zero revents, 0 on timeout, or -1 with errno. */
int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);
/* The same with a timespec (NULL: forever) and a signal mask for the wait (NULL: none). */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	  const sigset_t *sigmask);

#endif
