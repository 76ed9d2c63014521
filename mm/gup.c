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
#include <mm/fault.h>
#include <mm/mm.h>
#include <mm/page.h>

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
	/* 3. Check the access. */
	if (!access_permitted(vma, flags))
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
