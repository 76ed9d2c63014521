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
	unsigned int flags;             /* userfaultfd()'s flags: UFFD_USER_MODE_ONLY, and
					   O_NONBLOCK and O_CLOEXEC for a fork's new descriptor */
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
	struct list_head event_pending; /* events (fork, remap, remove, unmap) not read yet;
					   a read releases the sender (userfaultfd_events.c) */
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

static inline bool userfaultfd_wp(const struct vm_area_struct *vma)
{
	return userfaultfd_armed(vma, VM_UFFD_WP);
}

/* Is a write to the page pte maps the write-protect pager's business (Linux's
 * userfaultfd_pte_wp)? The PTE carries the uffd-wp mark and vma is registered for it. */
static inline bool userfaultfd_pte_wp(const struct vm_area_struct *vma, pte_t pte)
{
	return userfaultfd_wp(vma) && pte_uffd_wp(pte);
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

/* Linux's validate_range(): start page-aligned, len a non-zero page multiple, the range
 * in user space; 0 or -EINVAL. */
int validate_range(u64 start, u64 len);
/* Wake every fault waiting on an address in [start, start + len) (Linux's
 * wake_userfault); len 0: every fault. */
void wake_userfault(struct userfaultfd_ctx *ctx, unsigned long start, unsigned long len);

/* The write-protect mode (mm/userfaultfd_wp.c). */
/*
 * Set (enable_wp) or clear the pager's write-protection of [start, start + len), which
 * lies in vma (Linux's uffd_wp_range): present pages become read-only with the uffd-wp
 * mark, or lose the mark (staying read-only: the next write fault makes them writable).
 * With markers (UFFD_FEATURE_WP_UNPOPULATED, anonymous memory), enabling also marks the
 * pages never populated, and clearing removes such markers. The caller holds the mmap
 * lock for writing. 0, or -ENOMEM (a page table for a marker).
 */
int uffd_wp_range(struct vm_area_struct *vma, unsigned long start, unsigned long len,
		  bool enable_wp);
/* UFFDIO_WRITEPROTECT (Linux's userfaultfd_writeprotect). */
long userfaultfd_writeprotect(struct userfaultfd_ctx *ctx, struct uffdio_writeprotect __user *arg);
/* vm.unprivileged_userfaultfd (/proc/sys/vm): see sys_userfaultfd(). */
extern int sysctl_unprivileged_userfaultfd;

/* userfaultfd(flags): a new userfaultfd for the caller's address space. */
long sys_userfaultfd(int flags);
/* /dev/userfaultfd's file operations: its one ioctl, USERFAULTFD_IOC_NEW. */
extern const struct file_operations userfaultfd_dev_fops;


/* The context's references (the file's, a waiting faulter's or event sender's). */
void userfaultfd_ctx_get(struct userfaultfd_ctx *ctx);
void userfaultfd_ctx_put(struct userfaultfd_ctx *ctx);
/* A new context for mm with flags and features, one reference (the caller's); NULL if out
 * of memory. */
struct userfaultfd_ctx *userfaultfd_ctx_alloc(struct mm_struct *mm, unsigned int flags,
					      u64 features);
/* A userfaultfd descriptor of ctx in the caller's table (O_NONBLOCK and O_CLOEXEC as
 * ctx->flags say): the fd, the caller's reference passing to the file; or -errno, the
 * reference still the caller's. */
int userfaultfd_getfd(struct userfaultfd_ctx *ctx);

/*
 * Non-cooperative events (mm/userfaultfd_events.c; Linux's fs/userfaultfd.c): a pager
 * that asked for UFFD_FEATURE_EVENT_FORK, _REMAP, _REMOVE or _UNMAP hears of the changes
 * the program makes to its registered ranges. The thread making the change queues the
 * message on ctx->event_pending and sleeps (killable) until the pager has read it, never
 * holding the mmap lock meanwhile; from the change until that read, ctx->mmap_changing
 * makes the resolving ioctls fail with -EAGAIN, since the pager's idea of the address
 * space is out of date.
 */
/* fork(): the child's VMA child_vma (a copy of vma, in the child's mm) keeps vma's
 * registration, with a new context per parent context (EVENT_FORK), kept on fcs; without
 * EVENT_FORK it has none. Under both mmap locks. 0 or -ENOMEM. */
int dup_userfaultfd(struct vm_area_struct *vma, struct vm_area_struct *child_vma,
		    struct list_head *fcs);
/* After the copy, both locks dropped: one FORK event per new context, each waited for;
 * or, the fork having failed, the contexts dropped. */
void dup_userfaultfd_complete(struct list_head *fcs);
void dup_userfaultfd_fail(struct list_head *fcs);

/* mremap() moved part of a VMA to new_vma (under the write lock): with EVENT_REMAP, keep
 * the registration and remember the context in *uf; else the new range loses it.
 * new_vma may be split or merged: the VMA now covering start is returned. */
struct vm_area_struct *mremap_userfaultfd_prep(struct vm_area_struct *new_vma, unsigned long start,
					       unsigned long end, struct userfaultfd_ctx **uf);
/* After mremap() (the lock dropped): the REMAP event (from, to, len), or, the call having
 * failed (to an error), nothing. */
void mremap_userfaultfd_complete(struct userfaultfd_ctx **uf, unsigned long from, long to,
				 unsigned long len);

/* MADV_DONTNEED/FREE/REMOVE of [start, end) of vma: with EVENT_REMOVE, send the REMOVE
 * event before anything goes, which drops the mmap lock (held for writing if
 * write_locked, else reading) and returns false; true: nothing sent, the lock held. */
bool userfaultfd_remove(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			bool write_locked);

/* munmap() (and an unmap by mremap or MAP_FIXED) of [start, end), under the write lock,
 * before the VMAs go: one entry on unmaps per context with EVENT_UNMAP that has a VMA in
 * the range. 0 or -ENOMEM. */
int userfaultfd_unmap_prep(struct mm_struct *mm, unsigned long start, unsigned long end,
			   struct list_head *unmaps);
/* After the unmap, the lock dropped: the UNMAP events (start, end), each waited for. */
void userfaultfd_unmap_complete(struct list_head *unmaps);

/* For userfaultfd.c: a read() took event ewq (ctx->lock held): its sender is released,
 * or, for FORK, ewq moves to fork_event until resolve_userfault_fork(). */
void userfaultfd_event_read(struct userfaultfd_wait_queue *ewq, struct list_head *fork_event);
/* The FORK message read into msg gets its new descriptor (msg->arg.fork.ufd), made in the
 * reader's table; 0 or -errno (the event is then read again next time). */
int resolve_userfault_fork(struct userfaultfd_ctx *ctx, struct list_head *fork_event,
			   struct uffd_msg *msg);
/* ctx is closing: every event sender still waiting gives up and goes on. */
void userfaultfd_events_release(struct userfaultfd_ctx *ctx);

#endif
