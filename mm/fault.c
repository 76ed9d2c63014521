/*
 * generic_page_fault(): the trap half of the fault core, for both arches (see fault.h).
 * The arch has decoded the trap into an address and FAULT_FLAG_*; from here on a page
 * fault is the same story on every arch:
 *
 * 1. Who faulted? A user program may fault anywhere. The kernel may fault on user memory
 *    only inside the uaccess functions (the exception table lists them, and is searched
 *    once, here) and only with the user-access window open; anywhere else it is a bug.
 * 2. The lock half, fault_in_mm() (mm/gup.c), does the address space's work: the mmap
 *    lock, the VMA, the access check, handle_mm_fault(), the retries.
 * 3. React to its decision, in one switch for every arch: return to the instruction, the
 *    program's signal, the kernel's exception-table fixup (-EFAULT), an oops, or the OOM
 *    killer. The arch's part is three small hooks (fault.h): fixup_exception(),
 *    page_fault_oops() and set_signal_archinfo().
 */
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <kernel/extable.h>
#include <kernel/panic.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <mm/fault.h>
#include <mm/fault_record.h>
#include <mm/fault_trace.h>
#include <mm/mm.h>
#include <mm/oom_kill.h>
#include <uapi/abi.h>

struct fault_counters vm_events;

/*
 * A kernel-mode fault the core did not resolve: resume at the exception-table fixup
 * step 1 found (the uaccess function then returns -EFAULT); with none, the kernel has a
 * bug, and oopses (Linux's kernelmode_fixup_or_oops()).
 */
static void kernelmode_fixup_or_oops(struct pt_regs *regs, unsigned long addr,
				     const struct exception_table_entry *fixup)
{
	if (!fixup)
		page_fault_oops(regs, addr);
	instruction_pointer_set(regs, fixup->fixup);
}

/*
 * The program's signal for a fault nobody can resolve: the arch records its details for
 * the signal frame, Linux's one-line report goes out if the signal will kill, and the
 * signal is forced on the faulting task (Linux's force_sig_fault).
 */
static void user_fault_signal(struct pt_regs *regs, unsigned long addr, int sig, int code,
			      const char *what)
{
	unsigned long error = set_signal_archinfo(regs, addr);

	show_signal_msg(regs, sig, addr, error, what);
	if (code == BUS_MCEERR_AR)
		force_sig_mceerr(code, addr, PAGE_SHIFT); /* the whole page is poisoned */
	else
		force_sig_fault(sig, code, addr);
}

enum page_fault_retval generic_page_fault(struct pt_regs *regs, unsigned long addr,
					  unsigned int flags)
{
	const struct exception_table_entry *fixup = NULL;
	struct mm_struct *mm = current->mm;
	bool user = flags & FAULT_FLAG_USER;
	enum page_fault_retval r;
	bool locked = false;

	BUG_ON(!fault_flags_valid(flags));
	count_fault_event(nr_faults);
	/*
	 * Only a user-mode fault answers every signal. A kernel-mode one (a uaccess inside a
	 * system call) cannot stop halfway for a signal the way a user instruction can (run
	 * the handler, then fault again): its only way out is the fixup's -EFAULT, which a
	 * SIGALRM must not cause. So it waits KILLABLE: a pending non-fatal signal neither
	 * ends it nor makes it spin. (Linux 6.12 keeps INTERRUPTIBLE here, and a kernel-mode
	 * fault waiting for a user pager with a signal pending busy-loops until the pager
	 * answers; see docs/blocking-faults.md.)
	 */
	if (!user)
		flags &= ~FAULT_FLAG_INTERRUPTIBLE;

	/* 1. The kernel may fault on user memory only inside the uaccess functions, ... */
	if (!user && (flags & FAULT_FLAG_INSTRUCTION)) {
		/* It never runs user code. Only exec's probe may jump where nothing runs; the
		 * arch finds the probe's call by its return address. Anything else: a bug. */
		if (!fixup_exception(regs))
			page_fault_oops(regs, addr);
		return PF_RET_BAD_AREA;
	}
	if (!user) {
		fixup = search_exception_tables(instruction_pointer(regs));
		if (fixup && fixup->type != EX_TYPE_FIXUP)
			fixup = NULL; /* an exec probe's entry is for fetch faults only */
		if (!fixup)
			kernelmode_fixup_or_oops(regs, addr, NULL); /* a bug: does not return */
	}
	/*
	 * ... and only with the user-access window open. A nofault access with it closed
	 * faults on every user page, present or not (SUM, SMAP): mapping the page cannot
	 * help, and calling the fault resolved would repeat it forever. It fails instead.
	 */
	if ((!user && !user_access_was_open(regs)) || !mm || addr >= TASK_SIZE) {
		count_fault_event(nr_bad_faults);
		r = PF_RET_BAD_AREA;
		fault_trace_bad_area(addr, flags);
	} else if (fault_trace_enabled) {
		r = fault_in_mm_traced(mm, addr, flags); /* the same as below, recorded */
	} else {
		/* 2. The address space's work. */
		r = fault_in_mm(mm, addr, flags, &locked);
		if (locked)
			mmap_read_unlock(mm);
	}
	record_last_fault(regs, addr, flags, r); /* for gdb's fl-lastfault */

	/* 3. React. A kernel-mode fault that did not get its page ends in the fixup. */
	if (!user && r != PF_RET_DONE) {
		kernelmode_fixup_or_oops(regs, addr, fixup);
		return PF_RET_KERN_FIXUP;
	}
	switch (r) {
	case PF_RET_DONE:   /* run the instruction again */
	case PF_RET_SIGNAL: /* deliver the signal; the fault comes again after it */
	case PF_RET_KERN_FIXUP:
		break;
	case PF_RET_RETRY: /* only for a caller that held the lock: not this one */
		panic("fault_in_mm() returned PF_RET_RETRY to the trap half");
	case PF_RET_BAD_AREA:
		user_fault_signal(regs, addr, SIGSEGV, SEGV_MAPERR, "segfault");
		break;
	case PF_RET_ACCESS_ERR:
		user_fault_signal(regs, addr, SIGSEGV, SEGV_ACCERR, "segfault");
		break;
	case PF_RET_SIGBUS:
		user_fault_signal(regs, addr, SIGBUS, BUS_ADRERR, "bus error");
		break;
	case PF_RET_HWPOISON:
		user_fault_signal(regs, addr, SIGBUS, BUS_MCEERR_AR, "memory error");
		break;
	case PF_RET_OOM:
		pagefault_out_of_memory(); /* the OOM killer has chosen; then try again */
		break;
	}
	return r;
}
