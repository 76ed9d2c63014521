/*
 * The user pager: userfaultfd (Linux's fs/userfaultfd.c and mm/userfaultfd.c; the ABI
 * is include/uapi/userfaultfd.h).
 *
 * A program registers ranges of its memory with a userfaultfd. A fault there that the
 * kernel would otherwise resolve itself (a missing page: VM_UFFD_MISSING; a write to a
 * page write-protected by the pager: VM_UFFD_WP; a shared-memory page cached but not
 * mapped: VM_UFFD_MINOR) goes to handle_userfault() instead: it queues a message for the
 * pager, drops the mmap lock, sleeps, and returns VM_FAULT_RETRY. The pager read()s the
 * message, resolves the fault with an ioctl (UFFDIO_COPY, ZEROPAGE, WRITEPROTECT,
 * CONTINUE, POISON), which wakes the faulter, and the lock half retries the fault with
 * FAULT_FLAG_TRIED; this time the page is there. docs/blocking-faults.md tells the story.
 */
#ifndef MM_USERFAULTFD_H
#define MM_USERFAULTFD_H

#include <kernel/spinlock.h>
#include <kernel/wait.h>
#include <lib/list.h>
#include <mm/fault.h>
#include <mm/mm.h>
#include <types.h>
#include <uapi/userfaultfd.h>

/* UFFDIO_API has run (Linux's UFFD_FEATURE_INITIALIZED, kept in the features word). */
#define UFFD_FEATURE_INITIALIZED (1ULL << 31)

/*
 * One userfaultfd (Linux's struct userfaultfd_ctx). The file holds a reference, and so
 * does every faulter while it waits; the VMAs registered with it point to it without one
 * (closing the file unregisters them first).
 */
struct userfaultfd_ctx {
	int refs;                       /* the references above; the last frees it */
	unsigned int flags;             /* userfaultfd()'s UFFD_USER_MODE_ONLY */
	u64 features;                   /* what UFFDIO_API enabled, | UFFD_FEATURE_INITIALIZED */
	bool released;                  /* the file is closing: faults no longer wait */
	int mmap_changing;              /* non-cooperative events under way: the resolving
					   ioctls give -EAGAIN (Linux's mmap_changing) */
	struct mm_struct *mm;           /* the address space it serves (mmgrab: the struct,
					   not the memory, is kept) */
	spinlock_t lock;                /* protects the four lists (Linux keeps one lock per
					   wait queue head; one is enough here) */
	struct list_head fault_pending; /* faults whose message is not read yet */
	struct list_head fault_read;    /* faults whose message was read: waiting for a wake */
	struct list_head event_pending; /* events (fork, remap, remove, unmap) not read yet */
	struct list_head event_read;    /* events read, their senders not released yet */
	struct wait_queue fd_wqh;       /* read() sleeps here for a message */
};

/*
 * One fault (or event) waiting for the pager (Linux's struct userfaultfd_wait_queue),
 * on the waiting task's stack: its message, and where it sleeps until woken.
 */
struct userfaultfd_wait_queue {
	struct uffd_msg msg;
	struct list_head list;          /* in one of ctx's lists while it waits */
	struct wait_queue wq;           /* the waiting task sleeps here */
	bool waken;                     /* a wake (or the read of an event) ended the wait */
	struct userfaultfd_ctx *ctx;
};

/* Is vma registered with a live pager in this mode? (Linux's userfaultfd_missing() and
 * kin, which do not look at released: a closing file's faults here go on as ordinary
 * ones instead of spinning until the close has unregistered the range.) */
static inline bool userfaultfd_armed(const struct vm_area_struct *vma, unsigned long mode)
{
	return (vma->vm_flags & mode) && !__atomic_load_n(&vma->vm_userfaultfd_ctx->released,
							   __ATOMIC_ACQUIRE);
}

static inline bool userfaultfd_missing(const struct vm_area_struct *vma)
{
	return userfaultfd_armed(vma, VM_UFFD_MISSING);
}

static inline bool userfaultfd_minor(const struct vm_area_struct *vma)
{
	return userfaultfd_armed(vma, VM_UFFD_MINOR);
}

/*
 * Hand the fault vmf to the pager of its VMA, for reason (exactly one VM_UFFD_* bit).
 * Called by handle_mm_fault()'s handlers with the mmap lock held for reading, where they
 * would otherwise fill the page. Returns:
 *   VM_FAULT_RETRY  the message went out, the lock was dropped, and the task waited
 *                   until the pager woke it (or a signal the fault flags allow, or the
 *                   close of the userfaultfd); the caller retries. With
 *                   FAULT_FLAG_RETRY_NOWAIT: at once, nothing queued, the lock held.
 *   VM_FAULT_SIGBUS without FAULT_FLAG_ALLOW_RETRY (nobody could retake the lock), with
 *                   UFFD_FEATURE_SIGBUS, for a kernel-mode fault on a
 *                   UFFD_USER_MODE_ONLY userfaultfd, or from an exiting task.
 * How the task sleeps follows the fault's flags: INTERRUPTIBLE, any signal ends the
 * wait; KILLABLE, only a fatal one; neither, nothing but a wake or the close.
 */
vm_fault_t handle_userfault(struct vm_fault *vmf, unsigned long reason);

/* vm.unprivileged_userfaultfd (/proc/sys/vm): see sys_userfaultfd(). */
extern int sysctl_unprivileged_userfaultfd;

/* userfaultfd(flags): a new userfaultfd for the caller's address space. */
long sys_userfaultfd(int flags);
/* /dev/userfaultfd's file operations: its one ioctl, USERFAULTFD_IOC_NEW. */
extern const struct file_operations userfaultfd_dev_fops;

#endif
