/*
 * A debug knob that makes faults retry (see struct fault_retry_inject in fault.h), so
 * that the retry loop of the lock half, FAULT_FLAG_TRIED and the signal rules run in a
 * real kernel, and can be watched in gdb, before anything in Faultline really blocks.
 * An injected retry keeps the VM_FAULT_RETRY protocol exactly: only a fault that allows
 * retries gets one, and it returns with the mmap lock dropped (kept with RETRY_NOWAIT),
 * having given the CPU away as a real wait would.
 */
#include <kernel/sched.h>
#include <mm/fault.h>
#include <mm/mm.h>

struct fault_retry_inject fault_retry_inject;

bool fault_retry_injected(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	struct fault_retry_inject *inj = &fault_retry_inject;

	if (!inj->addr || ALIGN_DOWN(addr, PAGE_SIZE) != ALIGN_DOWN(inj->addr, PAGE_SIZE))
		return false;
	if (inj->nr_seen < ARRAY_SIZE(inj->flags_seen))
		inj->flags_seen[inj->nr_seen] = flags;
	inj->nr_seen++;
	if (!inj->nr_left || !(flags & FAULT_FLAG_ALLOW_RETRY))
		return false;
	inj->nr_left--;
	inj->nr_injected++;
	if (flags & FAULT_FLAG_RETRY_NOWAIT)
		return true; /* the caller keeps the lock and decides */
	mmap_read_unlock(vma->vm_mm);
	cond_resched(); /* where a real source would sleep */
	return true;
}
