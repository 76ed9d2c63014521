/*
 * generic_page_fault(): the story of one page fault, for both arches (see fault.h).
 *
 * 1. Who faulted? A kernel fault counts only inside the uaccess functions (the exception
 *    table lists them) with the user-access window open; anywhere else it is a bug, and
 *    the arch oopses; with the window closed it fails (-EFAULT by the fixup).
 * 2. Take the mmap lock and find the VMA. None: a bad area. Below a stack: grow it.
 * 3. Does the VMA allow this access (read, write, fetch)? If not: an access error.
 * 4. handle_mm_fault() makes the page present and says how it went.
 * 5. VM_FAULT_RETRY: whoever blocked dropped the lock; unless a signal ends it, try again
 *    with FAULT_FLAG_TRIED, as often as it takes.
 * 6. Turn the result into a decision for the arch.
 */
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <kernel/extable.h>
#include <kernel/panic.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <mm/fault.h>
#include <errno.h>
#include <mm/mm.h>
#include <uapi/abi.h>

struct fault_counters vm_events;

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

/* Step 2, below a stack: grow it, under the lock held for writing. */
static bool grow_stack(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	bool grown;

	down_write(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	grown = vma && (vma->vm_start <= addr || expand_stack(vma, addr) == 0);
	up_write(&mm->mmap_lock);
	return grown;
}

/* Step 6: count a finished fault for the task and the system. */
static void account(vm_fault_t ret)
{
	if (ret & VM_FAULT_ERROR) {
		current->faults.bad++;
		vm_events.bad++;
	} else if (ret & VM_FAULT_MAJOR) {
		current->faults.major++;
		vm_events.major++;
	} else {
		current->faults.minor++;
		vm_events.minor++;
	}
}

/* A fault that ends without a page: the user's signal, or the kernel's fixup. */
static enum page_fault_retval bad(enum page_fault_retval why, unsigned int flags)
{
	current->faults.bad++;
	vm_events.bad++;
	return (flags & FAULT_FLAG_USER) ? why : PF_RET_KERN_FIXUP;
}

enum page_fault_retval generic_page_fault(struct pt_regs *regs, unsigned long addr,
					  unsigned int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	vm_fault_t ret;

	BUG_ON(!fault_flags_valid(flags));
	current->faults.faults++;
	vm_events.faults++;

	/* 1. The kernel may fault on user memory only inside the uaccess functions. */
	if (!(flags & FAULT_FLAG_USER) &&
	    ((flags & FAULT_FLAG_INSTRUCTION) || !search_exception_tables(instruction_pointer(regs))))
		return PF_RET_BAD_AREA; /* a kernel bug: the arch oopses */
	/*
	 * ... and only with the user-access window open. A nofault access with it closed
	 * faults on every user page, present or not (SUM, SMAP): mapping the page cannot
	 * help, and calling the fault resolved would repeat it forever. It fails instead.
	 */
	if (!(flags & FAULT_FLAG_USER) && !user_access_was_open(regs))
		return bad(PF_RET_BAD_AREA, flags);
	if (!mm || addr >= USER_TOP)
		return bad(PF_RET_BAD_AREA, flags);
retry:
	/* 2. Find the VMA. */
	down_read(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start > addr && (vma->vm_flags & VM_GROWSDOWN)) {
		up_read(&mm->mmap_lock);
		if (!grow_stack(mm, addr))
			return bad(PF_RET_BAD_AREA, flags);
		goto retry;
	}
	if (!vma || vma->vm_start > addr) {
		up_read(&mm->mmap_lock);
		return bad(PF_RET_BAD_AREA, flags);
	}
	/* 3. Check the access. */
	if (!access_permitted(vma, flags)) {
		up_read(&mm->mmap_lock);
		return bad(PF_RET_ACCESS_ERR, flags);
	}
	/* 4. Make the page present. */
	ret = handle_mm_fault(vma, addr, flags);
	/* 5. Retry, the lock already dropped, unless a signal should run first. */
	if (ret & VM_FAULT_RETRY) {
		bool user = flags & FAULT_FLAG_USER;
		bool fatal = current->pending.sig[0] & sigmask(SIGKILL);

		current->faults.retries++;
		vm_events.retries++;
		flags = fault_retry_flags(flags, fatal, signal_pending_current());
		if (!flags)
			return user ? PF_RET_SIGNAL : PF_RET_KERN_FIXUP;
		goto retry;
	}
	if (!(ret & VM_FAULT_COMPLETED))
		up_read(&mm->mmap_lock);
	/* 6. Account, and decide. */
	account(ret);
	return fault_result(ret, flags & FAULT_FLAG_USER);
}

/*
 * The kernel's own access to one user page on behalf of a system call that needs the
 * page itself (madvise(MADV_HWPOISON)), as Linux's fixup_user_fault()/GUP: the same
 * checks as a user access (a VMA must cover it, and allow it), then handle_mm_fault().
 * Caller holds mm->mmap_lock, which is never dropped (no ALLOW_RETRY).
 */
int fixup_user_fault(struct mm_struct *mm, unsigned long addr, unsigned int fault_flags)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	vm_fault_t ret;

	BUG_ON(fault_flags & (FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_USER));
	if (!vma || !access_permitted(vma, fault_flags))
		return -EFAULT;
	ret = handle_mm_fault(vma, addr, fault_flags | FAULT_FLAG_REMOTE);
	account(ret);
	if (ret & VM_FAULT_OOM)
		return -ENOMEM;
	return (ret & VM_FAULT_ERROR) ? -EFAULT : 0;
}
