/*
 * The lock half of the fault core (see mm/fault.h): everything a fault does with the
 * address space, for every caller that needs user memory present. The trap half
 * (mm/fault.c) comes here for a trap; the kernel comes here directly when it writes into
 * an address space that is not running (copy_to_mm(): exec's new stack, the signal
 * trampoline) or needs a page for itself (fixup_user_fault(): madvise(MADV_HWPOISON)).
 * Linux keeps these drivers, get_user_pages() among them, in mm/gup.c.
 *
 * fault_in_mm(), step by step:
 * 1. Take the mmap lock, unless the caller holds it (the `locked` protocol, fault.h).
 * 2. Find the VMA. None: a bad area. Just below a stack: grow it, which needs the lock
 *    held for writing (lock_mm_and_find_vma()).
 * 3. Does the VMA allow this access (read, write, fetch)? If not: an access error.
 * 4. handle_mm_fault() (mm/memory.c) makes the page present and says how it went.
 * 5. VM_FAULT_RETRY: whoever would have blocked dropped the lock and waited. Unless a
 *    signal ends the loop (the rules: fault_retry_flags(), mm/fault_flags.c), take the
 *    lock again and retry with FAULT_FLAG_TRIED, as often as it takes.
 * 6. Count the finished fault and turn its result into a decision.
 */
#include <errno.h>
#include <kernel/panic.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <kernel/sched.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/gup.h>
#include <mm/mm.h>
#include <mm/page.h>
#include <mm/vma_tree.h>

/*
 * Step 2 for a caller that does not hold the lock: take it for reading and return the
 * VMA containing addr, with the lock held; or NULL, with the lock released, if there is
 * none. An address just below a stack grows the stack to it first. That changes the VMA
 * tree, so it is done under the lock held for writing, and the VMA is then looked up
 * afresh under the read lock (Linux's lock_mm_and_find_vma(), since 6.5).
 */
static struct vm_area_struct *lock_mm_and_find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	bool grown;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start <= addr)
		return vma;
	mmap_read_unlock(mm);
	if (!vma || !(vma->vm_flags & VM_GROWSDOWN))
		return NULL;

	mmap_write_lock(mm);
	vma = find_vma(mm, addr); /* the tree may have changed while no lock was held */
	grown = vma && (vma->vm_start <= addr ||
			((vma->vm_flags & VM_GROWSDOWN) && expand_stack(vma, addr) == 0));
	mmap_write_unlock(mm);
	if (!grown)
		return NULL;
	mmap_read_lock(mm);
	vma = vma_lookup(mm, addr);
	if (!vma)
		mmap_read_unlock(mm);
	return vma;
}

/* Step 3: is this access allowed by the VMA? */
static bool access_permitted(const struct vm_area_struct *vma, unsigned int flags)
{
	if (flags & FAULT_FLAG_WRITE)
		return vma->vm_flags & VM_WRITE;
	if (flags & FAULT_FLAG_INSTRUCTION)
		return vma->vm_flags & VM_EXEC;
	/* A read: write permission implies it; execute permission only where the MMU does. */
	return vma->vm_flags & (VM_READ | VM_WRITE | (ARCH_EXEC_IMPLIES_READ ? VM_EXEC : 0));
}

void mm_account_fault(vm_fault_t ret, unsigned int flags)
{
	if (ret & VM_FAULT_ERROR)
		count_fault_event(nr_bad_faults);
	else if ((ret & VM_FAULT_MAJOR) || (flags & FAULT_FLAG_TRIED))
		count_fault_event(nr_major_faults);
	else
		count_fault_event(nr_minor_faults);
}

/* A fault that ends before handle_mm_fault(): no VMA, or one that forbids the access. */
static enum page_fault_retval bad_area(enum page_fault_retval why)
{
	count_fault_event(nr_bad_faults);
	return why;
}

enum page_fault_retval fault_in_mm(struct mm_struct *mm, unsigned long addr,
				   unsigned int flags, bool *locked)
{
	bool own_lock = locked && !*locked; /* we take it, loop, and may grow a stack */
	struct vm_area_struct *vma;
	vm_fault_t ret;

	BUG_ON(!fault_flags_valid(flags));
	BUG_ON(!locked && (flags & FAULT_FLAG_ALLOW_RETRY)); /* nobody could retake the lock */
retry:
	/* 1, 2. The lock, and the VMA. */
	if (own_lock) {
		vma = lock_mm_and_find_vma(mm, addr);
		if (!vma)
			return bad_area(PF_RET_BAD_AREA);
		*locked = true;
	} else {
		vma = vma_lookup(mm, addr);
		if (!vma)
			return bad_area(PF_RET_BAD_AREA);
	}
	/* 3. Check the access (GUP's FOLL_FORCE checked it by its own rules). */
	if (!(flags & FAULT_FLAG_FORCE) && !access_permitted(vma, flags))
		return bad_area(PF_RET_ACCESS_ERR);
	/* 4. Make the page present. */
	ret = handle_mm_fault(vma, addr, flags);
	/* 5. The lock was dropped and somebody waited: retry, unless a signal ends it. */
	if (ret & VM_FAULT_RETRY) {
		/* Only a fault with ALLOW_RETRY may be answered with VM_FAULT_RETRY. */
		BUG_ON(!locked);
		if (flags & FAULT_FLAG_RETRY_NOWAIT)
			return PF_RET_RETRY; /* nobody waited, the lock is still held */
		count_fault_event(nr_retries);
		*locked = false;
		flags = fault_retry_flags(flags, fatal_signal_pending(current),
					  signal_pending_current());
		if (!flags)
			return PF_RET_SIGNAL;
		if (!own_lock)
			return PF_RET_RETRY; /* the caller retakes its lock and comes back */
		goto retry;
	}
	if (ret & VM_FAULT_COMPLETED) {
		BUG_ON(!locked); /* it dropped a lock it was told to keep */
		*locked = false;
	}
	/* 6. Account, and decide. */
	mm_account_fault(ret, flags);
	return fault_result(ret);
}

/*
 * Linux's fixup_user_fault(): the caller's own retry loop around the lock half, for a
 * caller that holds the lock and lets it go (unlocked != NULL).
 */
int fixup_user_fault(struct mm_struct *mm, unsigned long addr, unsigned int fault_flags,
		     bool *unlocked)
{
	enum page_fault_retval r;
	bool locked = true;

	BUG_ON(fault_flags & (FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_USER));
	if (unlocked)
		fault_flags |= FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE;
	for (;;) {
		r = fault_in_mm(mm, addr, fault_flags, unlocked ? &locked : NULL);
		if (!locked) {
			mmap_read_lock(mm);
			locked = true;
			*unlocked = true;
		}
		if (r != PF_RET_RETRY)
			break;
		fault_flags |= FAULT_FLAG_TRIED;
	}
	switch (r) {
	case PF_RET_DONE:
		return 0;
	case PF_RET_OOM:
		return -ENOMEM;
	case PF_RET_SIGNAL:
		return -EINTR;
	default:
		return -EFAULT;
	}
}

/*
 * Write len bytes from src into mm at va, as the kernel, faulting pages in as a write
 * would: mm need not be the running address space (exec builds the new one before it
 * switches). Takes mm's mmap lock for reading, so the caller must not hold it. A page already present and writable is written directly; any other goes
 * through the lock half, so the same checks apply as to a user's write (a VMA must
 * cover it and allow writing).
 */
int copy_to_mm(struct mm_struct *mm, unsigned long va, const void *src, size_t len)
{
	const u8 *s = src;
	int err = 0;

	mmap_read_lock(mm);
	while (len) {
		size_t chunk = MIN(len, PAGE_SIZE - (va % PAGE_SIZE));
		pte_t *pte = walk(mm->pgd, va, false);

		if (!pte || !pte_present(*pte) || !(pte_prot(*pte) & PAGE_W)) {
			enum page_fault_retval r = fault_in_mm(mm, va, FAULT_FLAG_WRITE |
							       FAULT_FLAG_REMOTE, NULL);

			if (r != PF_RET_DONE) {
				/* exec then fails with ENOMEM, as Linux's does */
				err = r == PF_RET_OOM ? -ENOMEM : -EFAULT;
				break;
			}
			pte = walk(mm->pgd, va, false);
		}
		memcpy(__va(pte_pa(*pte) + (va % PAGE_SIZE)), s, chunk);
		s += chunk;
		va += chunk;
		len -= chunk;
	}
	mmap_read_unlock(mm);
	return err;
}

/*
 * get_user_pages (mm/gup.h), as Linux's: __get_user_pages() walks the pages under the
 * lock, following each present one (follow_page()) and faulting in the others
 * (faultin_page(), through the lock half); __get_user_pages_locked() around it retakes
 * the lock whenever a fault dropped it, and goes on one page at a time with FOLL_TRIED.
 */

/*
 * May GUP reach vma for gup_flags (Linux's check_vma_flags)? A write needs VM_WRITE, or
 * FOLL_FORCE on a private mapping (the write then goes to a private copy); a read needs
 * what a user's read needs. 0 or -EFAULT. Unlike Linux, FOLL_FORCE does not open a
 * PROT_NONE mapping: its PTEs are not present, so nothing could follow them.
 */
static int check_vma_flags(struct vm_area_struct *vma, unsigned int gup_flags)
{
	if (!access_permitted(vma, 0))
		return -EFAULT;
	if (!(gup_flags & FOLL_WRITE) || (vma->vm_flags & VM_WRITE))
		return 0;
	if (!(gup_flags & FOLL_FORCE) || (vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return -EFAULT;
	return 0;
}

/*
 * May FOLL_FORCE write into page, mapped read-only at a PTE of vma (Linux's
 * can_follow_write_pte)? Only if it is the mm's own private copy: anonymous, nobody
 * else holding it, in a private VMA that forbids writing (the fault that made it
 * copied it for this write: do_wp_page(), do_cow_fault(), do_anonymous_page()).
 */
static bool can_follow_write_pte(struct vm_area_struct *vma, struct page *page,
				 unsigned int gup_flags)
{
	return (gup_flags & FOLL_FORCE) && !(vma->vm_flags & (VM_WRITE | VM_SHARED | VM_MAYSHARE)) &&
	       page != zero_page && !(page->flags & PG_cache) && page->refcount == 1;
}

/*
 * The page mapped at addr of vma, with a reference taken, if it is present and its PTE
 * allows the access (Linux's follow_page_pte); NULL if a fault must come first.
 */
static struct page *follow_page(struct vm_area_struct *vma, unsigned long addr,
				unsigned int gup_flags)
{
	pte_t *pte = walk(vma->vm_mm->pgd, addr, false);
	struct page *page;

	if (!pte || !pte_present(*pte) || pte_is_swap(*pte) || !pfn_valid(pte_pfn(*pte)))
		return NULL;
	page = pfn_to_page(pte_pfn(*pte));
	if ((gup_flags & FOLL_WRITE) && !(pte_prot(*pte) & PAGE_W) &&
	    !can_follow_write_pte(vma, page, gup_flags))
		return NULL; /* a write fault copies it first */
	get_page(page);
	return page;
}

/*
 * Fault in the page at addr of mm for gup_flags through the lock half (Linux's
 * faultin_page()). 0: done, follow it again. -EBUSY: the lock was dropped (*locked is
 * false), or with FOLL_NOWAIT the fault would have had to wait (the lock still held).
 * Otherwise -EFAULT, -EHWPOISON (with FOLL_HWPOISON), -ENOMEM.
 */
static int faultin_page(struct mm_struct *mm, unsigned long addr, unsigned int gup_flags,
			bool *locked)
{
	unsigned int fault_flags = 0;
	bool *lk = (gup_flags & (FOLL_UNLOCKABLE | FOLL_NOWAIT)) ? locked : NULL;
	enum page_fault_retval r;

	if (gup_flags & FOLL_WRITE)
		fault_flags |= FAULT_FLAG_WRITE;
	if (gup_flags & FOLL_REMOTE)
		fault_flags |= FAULT_FLAG_REMOTE;
	if (gup_flags & FOLL_FORCE)
		fault_flags |= FAULT_FLAG_FORCE;
	if (gup_flags & FOLL_UNLOCKABLE)
		fault_flags |= FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE;
	if (gup_flags & FOLL_INTERRUPTIBLE)
		fault_flags |= FAULT_FLAG_INTERRUPTIBLE;
	if (gup_flags & FOLL_NOWAIT)
		fault_flags |= FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_RETRY_NOWAIT;
	if (gup_flags & FOLL_TRIED)
		fault_flags |= FAULT_FLAG_TRIED; /* FOLL_TRIED only comes with FOLL_UNLOCKABLE */
	r = fault_in_mm(mm, addr, fault_flags, lk);
	if (r == PF_RET_RETRY || r == PF_RET_SIGNAL || (lk && !*lk))
		return -EBUSY; /* the caller decides: retake the lock, or stop for the signal */
	switch (r) {
	case PF_RET_DONE:
		return 0;
	case PF_RET_OOM:
		return -ENOMEM;
	case PF_RET_HWPOISON:
		return (gup_flags & FOLL_HWPOISON) ? -EHWPOISON : -EFAULT;
	default:
		return -EFAULT;
	}
}

/*
 * Linux's __get_user_pages(): the pages of [start, start + nr_pages pages) under the
 * lock, which the caller holds (locked NULL, or *locked true). Stops at the first page it
 * cannot do, or when the lock was dropped (*locked false). The pages done, or the
 * error of the first page; 0 if the lock went (or FOLL_NOWAIT) before any was done.
 */
static long __get_user_pages(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			     unsigned int gup_flags, struct page **pages, bool *locked)
{
	struct vm_area_struct *vma = NULL;
	unsigned int faults = 0; /* faults in a row on one page */
	long done = 0, ret = 0;

	while (nr_pages) {
		struct page *page;

		if (!vma || start >= vma->vm_end) {
			vma = vma_lookup(mm, start);
			ret = vma ? check_vma_flags(vma, gup_flags) : -EFAULT;
			if (ret)
				break;
		}
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		cond_resched();
		page = follow_page(vma, start, gup_flags);
		if (!page) {
			/* A fault that said "done" but left nothing to follow would loop forever. */
			ret = ++faults > 2 ? -EFAULT : faultin_page(mm, start, gup_flags, locked);
			if (ret == 0)
				continue;
			if (ret == -EBUSY)
				ret = 0;
			break;
		}
		if (pages)
			pages[done] = page;
		else
			put_page(page);
		faults = 0;
		done++;
		start += PAGE_SIZE;
		nr_pages--;
	}
	return done ? done : ret;
}

/* Does a signal end GUP's retries (Linux's gup_signal_pending)? */
static bool gup_signal_pending(unsigned int gup_flags)
{
	if (gup_flags & FOLL_INTERRUPTIBLE)
		return signal_pending_current();
	return fatal_signal_pending(current);
}

/*
 * Linux's __get_user_pages_locked(): __get_user_pages() with the `locked` protocol
 * (gup.h). When a fault dropped the lock, retake it and do the page that dropped it
 * alone, with FOLL_TRIED, then go on with the rest.
 */
static long __get_user_pages_locked(struct mm_struct *mm, unsigned long start,
				    unsigned long nr_pages, unsigned int gup_flags,
				    struct page **pages, bool *locked)
{
	bool must_unlock = false;
	long ret, done = 0;

	if (!*locked) {
		mmap_read_lock(mm);
		*locked = true;
		must_unlock = true;
	}
	for (;;) {
		ret = __get_user_pages(mm, start, nr_pages, gup_flags, pages, locked);
		BUG_ON(!*locked && (ret < 0 || (unsigned long)ret >= nr_pages));
		if (ret > 0) {
			nr_pages -= (unsigned long)ret;
			done += ret;
			if (!nr_pages)
				break;
		}
		if (*locked) {
			/* No fault dropped the lock: an error, or FOLL_NOWAIT would wait. */
			if (!done)
				done = ret;
			break;
		}
		if (pages)
			pages += ret;
		start += (unsigned long)ret << PAGE_SHIFT;
		/* The lock went: the page at start is faulted in again, on its own. */
		for (;;) {
			if (gup_signal_pending(gup_flags)) {
				if (!done)
					done = -EINTR;
				goto out;
			}
			mmap_read_lock(mm);
			*locked = true;
			ret = __get_user_pages(mm, start, 1, gup_flags | FOLL_TRIED, pages, locked);
			if (*locked)
				break;
			BUG_ON(ret != 0);
		}
		if (ret != 1) {
			if (!done)
				done = ret;
			break;
		}
		nr_pages--;
		done++;
		if (!nr_pages)
			break;
		if (pages)
			pages++;
		start += PAGE_SIZE;
	}
out:
	if (must_unlock && *locked) {
		mmap_read_unlock(mm);
		*locked = false;
	}
	return done;
}

long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages, bool *locked)
{
	if ((gup_flags & ~(FOLL_WRITE | FOLL_GET | FOLL_FORCE | FOLL_NOWAIT | FOLL_HWPOISON |
			   FOLL_INTERRUPTIBLE | FOLL_PIN)) ||
	    ((gup_flags & FOLL_PIN) && (gup_flags & FOLL_GET)))
		return -EINVAL;
	if (!locked && (gup_flags & (FOLL_NOWAIT | FOLL_INTERRUPTIBLE)))
		return -EINVAL; /* neither means anything when the lock may not go */
	gup_flags |= FOLL_REMOTE;
	start = ALIGN_DOWN(start, PAGE_SIZE);
	if (!nr_pages)
		return 0;
	if (!locked)
		return __get_user_pages(mm, start, nr_pages, gup_flags, pages, NULL);
	return __get_user_pages_locked(mm, start, nr_pages, gup_flags | FOLL_UNLOCKABLE, pages,
				       locked);
}

long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages)
{
	return get_user_pages_remote(current->mm, start, nr_pages, gup_flags, pages, NULL);
}

long get_user_pages_unlocked(unsigned long start, unsigned long nr_pages, struct page **pages,
			     unsigned int gup_flags)
{
	bool locked = false;

	if (gup_flags & ~(FOLL_WRITE | FOLL_FORCE | FOLL_HWPOISON | FOLL_INTERRUPTIBLE))
		return -EINVAL;
	start = ALIGN_DOWN(start, PAGE_SIZE);
	if (!nr_pages)
		return 0;
	return __get_user_pages_locked(current->mm, start, nr_pages, gup_flags | FOLL_UNLOCKABLE,
				       pages, &locked);
}

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages, bool *locked)
{
	if (!pages || (gup_flags & FOLL_GET))
		return -EINVAL;
	return get_user_pages_remote(mm, start, nr_pages, gup_flags | FOLL_PIN, pages, locked);
}

void unpin_user_pages(struct page **pages, unsigned long nr_pages)
{
	for (unsigned long i = 0; i < nr_pages; i++)
		put_page(pages[i]);
}

long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end, bool *locked)
{
	unsigned int gup_flags = FOLL_REMOTE;
	unsigned long nr_pages = (end - start) >> PAGE_SHIFT;

	if (vma->vm_flags & VM_LOCKONFAULT)
		return (long)nr_pages; /* locked, but filled only by the program's own faults */
	/* A writable private mapping is populated with its own pages (as a write makes). */
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		gup_flags |= FOLL_WRITE;
	if (locked)
		gup_flags |= FOLL_UNLOCKABLE;
	return __get_user_pages(vma->vm_mm, start, nr_pages, gup_flags, NULL, locked);
}

int mm_populate_range(unsigned long start, unsigned long len, bool ignore_errors)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, nend;
	struct vm_area_struct *vma = NULL;
	bool locked = false;
	long ret = 0;

	for (unsigned long nstart = start; nstart < end; nstart = nend) {
		/* Whenever the lock went, the VMAs are looked up again. */
		if (!locked) {
			mmap_read_lock(mm);
			locked = true;
			vma = find_vma(mm, nstart);
		} else if (nstart >= vma->vm_end) {
			vma = vma_next(vma);
		}
		if (!vma || vma->vm_start >= end)
			break;
		nend = MIN(end, vma->vm_end);
		nstart = MAX(nstart, vma->vm_start);
		ret = populate_vma_page_range(vma, nstart, nend, &locked);
		if (ret < 0) {
			if (ignore_errors) {
				ret = 0;
				continue; /* this VMA cannot be populated: the next may */
			}
			break;
		}
		nend = nstart + ((unsigned long)ret << PAGE_SHIFT);
		ret = 0;
	}
	if (locked)
		mmap_read_unlock(mm);
	return (int)ret;
}

long faultin_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			bool write)
{
	unsigned int gup_flags = FOLL_HWPOISON | FOLL_UNLOCKABLE | (write ? FOLL_WRITE : 0);
	bool locked = false;
	long ret = 0;

	/* As Linux's madvise_populate(): VMA by VMA, each one checked first. */
	while (start < end) {
		struct vm_area_struct *vma;
		unsigned long stop;

		if (!locked) {
			mmap_read_lock(mm);
			locked = true;
		}
		vma = vma_lookup(mm, start);
		if (!vma) {
			ret = -ENOMEM; /* part of the range is not mapped */
			break;
		}
		if (check_vma_flags(vma, gup_flags)) {
			ret = -EINVAL; /* Linux: "incompatible mappings / permissions" */
			break;
		}
		stop = MIN(end, vma->vm_end);
		ret = __get_user_pages(mm, start, (stop - start) >> PAGE_SHIFT, gup_flags, NULL,
				       &locked);
		if (ret < 0)
			break;
		start += (unsigned long)ret << PAGE_SHIFT;
		ret = 0;
		if (!locked && fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
	}
	if (locked)
		mmap_read_unlock(mm);
	return ret;
}

long access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len,
		      unsigned int gup_flags)
{
	u8 *p = buf;

	/*
	 * The lock is held from the first page to the last and never dropped (Linux's
	 * __access_remote_vm() passes GUP no `locked`): a fault that would have to wait
	 * for somebody, a user pager above all, may not, and fails (handle_userfault()
	 * without FAULT_FLAG_ALLOW_RETRY is VM_FAULT_SIGBUS). The copy stops at that page.
	 */
	mmap_read_lock(mm);
	while (len) {
		size_t off = addr % PAGE_SIZE, n = MIN(len, PAGE_SIZE - off);
		struct page *page;
		long got;

		got = get_user_pages_remote(mm, addr, 1, gup_flags, &page, NULL);
		if (got <= 0)
			break;
		if (gup_flags & FOLL_WRITE)
			memcpy((u8 *)page_address(page) + off, p, n);
		else
			memcpy(p, (u8 *)page_address(page) + off, n);
		put_page(page);
		p += n;
		addr += n;
		len -= n;
	}
	mmap_read_unlock(mm);
	return p - (u8 *)buf;
}
