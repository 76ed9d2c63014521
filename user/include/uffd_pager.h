/*
 * A small user-space pager on top of userfaultfd (<linux/userfaultfd.h>), shared by the
 * userfaultfd tests: the handshake, the range ioctls with their raw results, and a pager
 * thread that answers every missing-page fault with UFFDIO_COPY of contents the caller
 * chooses. Every call returns the kernel's result as is (0, a count, or -errno) and
 * leaves errno alone, so that it is safe in any thread.
 */
#ifndef USER_UFFD_PAGER_H
#define USER_UFFD_PAGER_H

#include <linux/userfaultfd.h>
#include <stdbool.h>
#include <thread.h>

#define UFFD_PAGE_SIZE 4096UL

/* ioctl(uffd, request, arg) made raw: 0 (or the ioctl's result) or -errno. */
long uffd_ioctl(int uffd, unsigned long request, void *arg);

/*
 * userfaultfd(flags) followed by UFFDIO_API asking for features. Returns the descriptor,
 * or -errno of whichever step failed (the descriptor is closed then).
 */
int uffd_open(int flags, u64 features);

/*
 * The next message on uffd: poll() for it (timeout_ms, -1: no limit), then read() exactly
 * one. 0, -ETIMEDOUT if none came, -EIO if poll() said more or other than POLLIN, or
 * read()'s -errno (or -EIO for a short read).
 */
long uffd_read_msg(int uffd, int timeout_ms, struct uffd_msg *msg);

/* UFFDIO_REGISTER of [start, start + len) in mode; 0 or -errno. *ioctls (if not NULL)
 * gets the range ioctls the kernel reported. */
long uffd_register(int uffd, const void *start, unsigned long len, u64 mode, u64 *ioctls);
/* UFFDIO_UNREGISTER and UFFDIO_WAKE of [start, start + len); 0 or -errno. */
long uffd_unregister(int uffd, const void *start, unsigned long len);
long uffd_wake(int uffd, const void *start, unsigned long len);

/*
 * UFFDIO_COPY of len bytes from src to dst, and UFFDIO_ZEROPAGE of [dst, dst + len), in
 * mode. Return 0 or -errno; *out (if not NULL) gets the ioctl's out field (.copy,
 * .zeropage) as the kernel left it.
 */
long uffd_copy(int uffd, void *dst, const void *src, unsigned long len, u64 mode, s64 *out);
long uffd_zeropage(int uffd, void *dst, unsigned long len, u64 mode, s64 *out);

/*
 * The state letter of thread tid, the third field of /proc/<tid>/stat ('R', 'S', 'D',
 * 'T', ...), or 0 if it cannot be read.
 */
char task_state(int tid);
/*
 * Wait until thread tid sleeps ('S' or 'D'), checking every millisecond for at most
 * about 10 s (a guard against a hang, not a measure); returns the last state seen. A
 * thread that does nothing between its last progress mark and a fault on a missing
 * page sleeps only in that fault, so its message is queued once this returns 'S'/'D'.
 */
char wait_task_sleeping(int tid);

/*
 * Wait until *flag is not 0, checking every millisecond for at most about 10 s (a guard
 * against a hang, not a measure); returns *flag.
 */
int wait_flag(volatile int *flag);
/* Sleep ms milliseconds (raw nanosleep: errno untouched). */
void sleep_ms(long ms);

/*
 * A thread that makes one access that may fault: a load from addr (into seen) or a
 * store of 0x5a to it, marking started right before it and done right after.
 */
struct uffd_faulter {
	volatile unsigned char *addr; /* where it loads or stores */
	int write;                    /* 1: store 0x5a, 0: load */
	volatile int started;         /* 1 right before the access */
	volatile int done;            /* 1 after it */
	volatile unsigned char seen;  /* what a load read */
	struct thread thread;         /* the thread */
};

/* Start f's thread on addr; the tid (> 0) or -errno. */
long uffd_faulter_start(struct uffd_faulter *f, volatile unsigned char *addr, int write);

/*
 * A pager thread. It polls uffd (which must have O_NONBLOCK: poll() on a blocking one
 * reports POLLERR) and a stop pipe, reads messages and answers each UFFD_EVENT_PAGEFAULT
 * with UFFDIO_COPY of one page, whose contents fill(page_address, buf, fill_arg) writes
 * into buf. It stops at uffd_pager_stop(), at an error (recorded in error), or when
 * max_faults (if not 0) faults have been answered.
 */
struct uffd_pager {
	int uffd;                                      /* the descriptor it serves */
	void (*fill)(unsigned long addr, unsigned char *buf, void *arg); /* page contents */
	void *fill_arg;                                /* fill's third argument */
	long max_faults;                               /* stop after this many (0: never) */
	volatile long nr_msgs;                         /* page-fault messages read */
	volatile long nr_copied;                       /* pages mapped by UFFDIO_COPY */
	volatile long nr_exist;                        /* copies refused with -EEXIST */
	volatile long error;                           /* the first failure (-errno), or 0 */
	int stop_pipe[2];                              /* written by uffd_pager_stop() */
	struct thread thread;                          /* the pager thread */
	unsigned char buf[UFFD_PAGE_SIZE] __attribute__((aligned(4096))); /* fill's page */
};

/* Start p's thread (the caller set uffd, fill, fill_arg, max_faults); 0 or -errno. */
long uffd_pager_start(struct uffd_pager *p);
/* Tell p's thread to stop, and wait for it. Returns p->error. */
long uffd_pager_stop(struct uffd_pager *p);

#endif
