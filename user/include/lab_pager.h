/*
 * The pager lab (docs/labs/pager.md): a user-space pager on top of userfaultfd, the
 * kernel untouched. A range of anonymous memory shows a file: a page touched for the
 * first time is read from the file (UFFDIO_COPY); a page at or past the file's end is a
 * hole and gets the zero page (UFFDIO_ZEROPAGE); with a snapshot buffer, a write into a
 * write-protected page first saves the page there, then lifts the protection
 * (UFFDIO_WRITEPROTECT). lab_pager_handle() is the lab; the thread around it is given.
 */
#ifndef USER_LAB_PAGER_H
#define USER_LAB_PAGER_H

#include <linux/userfaultfd.h>
#include <thread.h>

#define LAB_PAGE_SIZE 4096UL

struct lab_pager {
	int uffd;                  /* the userfaultfd it serves (opened O_NONBLOCK) */
	unsigned long start;       /* the range it serves, page aligned: [start, start + len) */
	unsigned long len;         /* its length in bytes, a multiple of LAB_PAGE_SIZE */
	int fd;                    /* the file page i of the range comes from, or -1: none */
	unsigned long file_size;   /* the file's size: a page starting at or past it is a hole */
	unsigned char *snapshot;   /* len bytes where a WP fault saves its page first, or NULL */
	volatile long nr_copied;   /* pages mapped with UFFDIO_COPY */
	volatile long nr_zeroed;   /* holes mapped with UFFDIO_ZEROPAGE */
	volatile long nr_saved;    /* pages saved into snapshot before their first write */
	volatile long error;       /* the first failure (-errno), or 0 */
	int stop_pipe[2];          /* written by lab_pager_stop() */
	struct thread thread;      /* the pager thread */
	unsigned char buf[LAB_PAGE_SIZE] __attribute__((aligned(4096))); /* a page to copy */
};

/*
 * Answer one message read from p->uffd. A UFFD_EVENT_PAGEFAULT at an address of p's range
 * is resolved, and the thread that faulted woken: a write-protect fault (flags
 * UFFD_PAGEFAULT_FLAG_WP) by saving the page into p->snapshot at the same offset (if
 * snapshot is not NULL) and then removing the protection of that page; a missing page
 * from the file (pread() at the page's offset in the range, zeros after the file's end)
 * with UFFDIO_COPY, or, for a hole, with UFFDIO_ZEROPAGE. A page that is already there
 * (-EEXIST: another thread's fault on it came first) only needs its waiters woken
 * (UFFDIO_WAKE). Counts what it did in nr_copied, nr_zeroed, nr_saved. Other events need
 * nothing. Returns 0, or -errno of the first thing that failed (an address outside the
 * range: -EFAULT).
 */
long lab_pager_handle(struct lab_pager *p, const struct uffd_msg *msg);

/*
 * Start p's thread (the caller set uffd, start, len, fd, file_size, snapshot): it reads
 * each message and hands it to lab_pager_handle(). If that fails, the thread records the
 * error, closes p->uffd (which wakes every waiting fault and unregisters the range, so
 * nothing waits forever) and stops. 0 or -errno.
 */
long lab_pager_start(struct lab_pager *p);
/*
 * What a test of the lab does first: map len bytes of fresh private anonymous memory,
 * register them with uffd in mode (UFFDIO_REGISTER_MODE_*), and start p's thread serving
 * them from fd (file_size bytes; snapshot may be NULL). Returns the mapping, or NULL with
 * errno set.
 */
void *lab_pager_serve(struct lab_pager *p, int uffd, unsigned long len, u64 mode, int fd,
		      unsigned long file_size, unsigned char *snapshot);
/* Stop p's thread and wait for it; returns p->error. */
long lab_pager_stop(struct lab_pager *p);

#endif
