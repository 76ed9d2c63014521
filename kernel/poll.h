/*
 * poll, ppoll, select and pselect6 (kernel/poll.c), and how a file tells pollers that
 * its state changed.
 *
 * A file's f_op->poll says which POLL* events are ready now. A poller that finds none
 * sleeps until something changes: every change a poller may wait for (bytes into or out
 * of a pipe, an end closed, a line typed on the console) calls poll_wake_up(), which
 * wakes every poller to look again. Linux instead hooks an entry for each polled file
 * onto that file's own wait queue (poll_wait), so only the interested pollers wake; one
 * queue for all is simpler and enough while pollers are few.
 */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include <mm/uaccess.h>
#include <types.h>
#include <uapi/signal.h>

struct pollfd;
struct timespec;
struct timeval;

/* Something a poller may wait for happened: every poller looks again. Safe from
 * interrupt handlers. */
void poll_wake_up(void);

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_ms);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct timespec __user *tsp,
	       const kernel_sigset_t __user *sigmask, size_t sigsetsize);
long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval __user *tvp);
long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct timespec __user *tsp, void __user *sig);

#endif
