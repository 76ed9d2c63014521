/* The fault core's rules as pure functions (see fault.h), so host tests can check them. */
#include <mm/fault.h>

bool fault_flags_valid(unsigned int flags)
{
	return (flags & FAULT_FLAG_ALLOW_RETRY) || !(flags & FAULT_FLAG_TRIED);
}

unsigned int fault_retry_flags(unsigned int flags, bool fatal_signal, bool any_signal)
{
	/* LAB retry: begin */
	if (!(flags & FAULT_FLAG_ALLOW_RETRY))
		return 0; /* nobody may return RETRY without ALLOW_RETRY: treat as the end */
	if (fatal_signal && (flags & (FAULT_FLAG_KILLABLE | FAULT_FLAG_INTERRUPTIBLE)))
		return 0;
	if (any_signal && (flags & FAULT_FLAG_INTERRUPTIBLE) && (flags & FAULT_FLAG_USER))
		return 0;
	return (flags | FAULT_FLAG_TRIED) & ~FAULT_FLAG_RETRY_NOWAIT;
#if 0 /* LAB retry: student */
	/*
	 * TODO(retry): the flags of the next try after VM_FAULT_RETRY, or 0 if the loop ends
	 * (see the rules in mm/fault.h). End it when the fault may not be retried at all
	 * (no ALLOW_RETRY), when a fatal signal is pending and the fault is KILLABLE or
	 * INTERRUPTIBLE, and when any signal is pending and the fault is INTERRUPTIBLE and
	 * from user mode. Otherwise the next try is a retry: TRIED set, RETRY_NOWAIT
	 * cleared (that try may wait). This stub ends every loop, as if a signal had come:
	 * a user-mode fault then runs its instruction again, but a fault inside a system
	 * call fails with -EFAULT.
	 */
	(void)flags;
	(void)fatal_signal;
	(void)any_signal;
	return 0;
#endif /* LAB retry: end */
}

enum page_fault_retval fault_result(vm_fault_t ret)
{
	enum page_fault_retval r = PF_RET_DONE;

	if (ret & VM_FAULT_OOM)
		r = PF_RET_OOM;
	else if (ret & VM_FAULT_HWPOISON)
		r = PF_RET_HWPOISON;
	else if (ret & VM_FAULT_SIGBUS)
		r = PF_RET_SIGBUS;
	else if (ret & VM_FAULT_SIGSEGV)
		r = PF_RET_ACCESS_ERR;
	return r;
}
