/*
 * get_user_pages (GUP): the kernel reaching the pages of an address space that may not
 * be the running one (Linux's mm/gup.c, include/linux/mm.h). The pages come back with
 * a reference each, faulted in first through the lock half (fault_in_mm(), mm/fault.h),
 * so every rule of a user access applies: a VMA must cover the page and allow the access
 * (FOLL_FORCE relaxes that as ptrace's does), copy on write happens before a page is
 * handed out for writing, and the mmap lock follows the `locked` protocol.
 */
#ifndef MM_GUP_H
#define MM_GUP_H

#include <types.h>

struct mm_struct;
struct page;
struct vm_area_struct;

/*
 * gup_flags: Linux's FOLL_*, the public ones with the values of Linux's enum
 * (include/linux/mm_types.h, 6.5); the internal ones (Linux's mm/internal.h) above them.
 */
#define FOLL_WRITE         0x0001 /* the caller will write into the pages */
#define FOLL_GET           0x0002 /* take a reference on each page returned (implied here) */
#define FOLL_FORCE         0x0008 /* ptrace's access: read or write what the VMA forbids */
#define FOLL_NOWAIT        0x0010 /* never wait: what would have to wait is not done */
#define FOLL_HWPOISON      0x0040 /* a poisoned page is -EHWPOISON, not -EFAULT */
#define FOLL_INTERRUPTIBLE 0x0800 /* any signal, not only a fatal one, ends the waits */
#define FOLL_REMOTE        0x10000 /* internal: mm is not the caller's own */
#define FOLL_PIN           0x20000 /* internal: pin_user_pages(), a long-term data access */
#define FOLL_UNLOCKABLE    0x40000 /* internal: the caller passed `locked`, the lock may go */
#define FOLL_TRIED         0x80000 /* internal: a retry after the lock was dropped */

/*
 * Fault in and take a reference on nr_pages pages of mm from start (page-aligned), for an
 * access as gup_flags say; pages[i] (if pages is not NULL) gets the page at
 * start + i * PAGE_SIZE, which the caller gives back with put_page(). Without pages, the
 * pages are only made present (population: MAP_POPULATE, mlock, MADV_POPULATE_*).
 *
 * The mmap lock (Linux's `locked` protocol, since 6.5):
 *   locked == NULL: the caller holds the lock for reading and it is never dropped; a
 *                   fault that would have to wait is not allowed to (no retry).
 *   *locked true:   the caller holds it; it may be dropped and retaken any number of
 *                   times (the VMAs the caller saw are then stale). On return *locked
 *                   says whether it is still held (the caller then releases it).
 *   *locked false:  the lock is taken here and released before returning (*locked is
 *                   false again).
 *
 * Returns how many pages were done, counted from start, or an error if none was:
 *   -EFAULT    no VMA covers the page, the VMA forbids the access (PROT_NONE without
 *              FOLL_FORCE, a write to a shared read-only mapping, VM_IO/VM_PFNMAP), or
 *              the fault ended in SIGBUS or SIGSEGV;
 *   -EHWPOISON the page is poisoned and gup_flags has FOLL_HWPOISON (else -EFAULT);
 *   -ENOMEM    no frame for the page or a page table;
 *   -EINTR     a fatal signal is pending (any signal, with FOLL_INTERRUPTIBLE);
 *   -EINVAL    nonsense flags (FOLL_NOWAIT without `locked`, FOLL_PIN with FOLL_GET).
 * Fewer than nr_pages pages with no error means the page after them failed; the caller
 * asks again from there to learn why. 0 is returned only with FOLL_NOWAIT, when the
 * first page would have had to wait. FOLL_FORCE with FOLL_WRITE on a private mapping the
 * VMA forbids writing to writes into a private copy of the page, mapped read-only (the
 * file, and any other mapping of the page, never see it): ptrace's POKE and
 * /proc/<pid>/mem. It never writes into a shared mapping the VMA forbids.
 */
long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages, bool *locked);
/* The same for the running address space (Linux's get_user_pages()): locked NULL. */
long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages);
/*
 * The same for the running address space, for a caller that does not hold the mmap lock
 * (Linux's get_user_pages_unlocked()): it is taken here, may be dropped and retaken as
 * the faults need (a fault may wait, for a user pager), and is released before return.
 */
long get_user_pages_unlocked(unsigned long start, unsigned long nr_pages, struct page **pages,
			     unsigned int gup_flags);
/*
 * Linux's pin_user_pages_remote(): GUP with FOLL_PIN, for a caller that reads or writes
 * the page's data for a long time (Faultline has no separate pin count: a pin is a
 * reference; put the pages with unpin_user_pages()).
 */
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages, bool *locked);
void unpin_user_pages(struct page **pages, unsigned long nr_pages);

/*
 * Fault in [start, end) of vma as its access allows (Linux's populate_vma_page_range):
 * write faults for a writable private mapping (so each page is the process's own, as
 * MAP_POPULATE and mlock give it), read faults otherwise. The caller holds the lock for
 * reading; *locked as for GUP. The number of pages done, or an error as GUP's.
 */
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end, bool *locked);
/*
 * Fault in every mapped page of [start, start+len) of the running process (Linux's
 * __mm_populate, MAP_POPULATE and mlock's tail): takes the mmap lock itself; holes and
 * VMAs that cannot be populated (PROT_NONE, VM_IO) are skipped. ignore_errors: an error
 * of one VMA does not stop the others. 0, or -ENOMEM / -EFAULT / -EINTR.
 */
int mm_populate_range(unsigned long start, unsigned long len, bool ignore_errors);
/*
 * MADV_POPULATE_READ/WRITE (Linux's faultin_page_range): fault in [start, end) for reading
 * or writing, as the CPU would (a VMA must allow the access). The caller holds no lock.
 * 0, -ENOMEM (part of the range unmapped), -EINVAL (VM_IO/VM_PFNMAP), -EFAULT (a page
 * cannot be faulted in: no access, SIGBUS), -EHWPOISON, -EINTR (a fatal signal).
 */
long faultin_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			bool write);

/*
 * Copy len bytes between buf and mm at addr (Linux's access_remote_vm): page by page
 * through GUP (gup_flags: FOLL_WRITE to write into mm, FOLL_FORCE as ptrace), through
 * the kernel's mapping of each page. Takes mm's mmap lock and keeps it throughout, so a
 * page whose fault would have to wait (for a user pager) cannot be reached. Returns the
 * bytes copied, which stop at the first page that cannot be reached (0 if the first
 * cannot).
 */
long access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len,
		      unsigned int gup_flags);

#endif
