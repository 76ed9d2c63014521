/*
 * The lock half's retry loop, run for real: the fault_retry_inject knob (mm/fault.h)
 * makes handle_mm_fault() return VM_FAULT_RETRY, with the mmap lock dropped, for the
 * next N tries of one page, as a blocking source (the user pager, a page locked for
 * I/O) will. Each test checks how the loop goes on: the flags of every try, the
 * counters, the page, the lock, and what a pending signal does.
 */
#include <arch.h>
#include <asm/ptrace.h>
#include <errno.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/test/ktest.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

#define RETRY_VA 0x10000000UL /* a user-half address; nothing else maps it in these tests */

static struct mm_struct *saved_mm;

/* Run on a fresh address space with one read-write page at RETRY_VA. NULL: no memory. */
static struct mm_struct *enter_test_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	if (mmap_region(mm, RETRY_VA, PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0)) {
		mmput(mm);
		return NULL;
	}
	saved_mm = current->mm;
	current->mm = mm;
	activate_mm(mm);
	return mm;
}

static void leave_test_mm(struct mm_struct *mm)
{
	memset(&fault_retry_inject, 0, sizeof(fault_retry_inject));
	current->mm = saved_mm;
	activate_mm(saved_mm);
	mmput(mm);
}

static void inject_retries(unsigned int n)
{
	memset(&fault_retry_inject, 0, sizeof(fault_retry_inject));
	fault_retry_inject.addr = RETRY_VA;
	fault_retry_inject.nr_left = n;
}

static void set_pending(int sig, bool on)
{
	unsigned long flags = arch_irq_save();

	if (on)
		current->pending.sig[0] |= sigmask(sig);
	else
		current->pending.sig[0] &= ~sigmask(sig);
	arch_irq_restore(flags);
}

/* Three retries, then the page: the first try lacks TRIED, every later one has it. */
/* LAB: retry 10 */
KTEST(fault_retry_loop_retries_then_completes)
{
	struct mm_struct *mm = enter_test_mm();
	unsigned long retries = vm_events.nr_retries, major = vm_events.nr_major_faults;
	u64 val = 0x5eed, back = 0;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	inject_retries(3);
	KEXPECT_EQ(copy_to_user((void __user *)RETRY_VA, &val, sizeof(val)), 0);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 3);
	KEXPECT_EQ(fault_retry_inject.nr_seen, 4);
	KEXPECT(fault_retry_inject.flags_seen[0] & FAULT_FLAG_ALLOW_RETRY);
	KEXPECT(!(fault_retry_inject.flags_seen[0] & FAULT_FLAG_TRIED));
	for (int i = 1; i < 4; i++)
		KEXPECT(fault_retry_inject.flags_seen[i] & FAULT_FLAG_TRIED);
	KEXPECT(fault_retry_inject.flags_seen[3] & FAULT_FLAG_WRITE);
	KEXPECT_EQ(vm_events.nr_retries - retries, 3);
	KEXPECT_EQ(vm_events.nr_major_faults - major, 1); /* it waited: a major fault, counted once */
	KEXPECT_EQ(mm->nr_pages, 1);
	KEXPECT_EQ(mm->mmap_lock.count, 0); /* nobody holds the lock afterwards */
	KEXPECT_EQ(copy_from_user(&back, (const void __user *)RETRY_VA, sizeof(back)), 0);
	KEXPECT_EQ(back, val);
	leave_test_mm(mm);
}

/*
 * A kernel-mode fault (a uaccess) with SIGKILL pending ends after the first retry, in
 * the exception table: -EFAULT, nothing mapped. It must never loop (Linux's 2023 "fix
 * livelock in uaccess"): here the knob would retry a thousand times.
 */
KTEST(fault_retry_kernel_fault_with_fatal_signal_ends_in_fixup)
{
	struct mm_struct *mm = enter_test_mm();
	unsigned long retries = vm_events.nr_retries;
	u64 val = 1;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	inject_retries(1000);
	set_pending(SIGKILL, true);
	KEXPECT_EQ(copy_to_user((void __user *)RETRY_VA, &val, sizeof(val)), -EFAULT);
	set_pending(SIGKILL, false);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 1);
	KEXPECT_EQ(vm_events.nr_retries - retries, 1);
	KEXPECT_EQ(mm->nr_pages, 0);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_test_mm(mm);
}

/* Any other signal does not end a kernel-mode fault: it retries on and completes. */
/* LAB: retry 10 */
KTEST(fault_retry_kernel_fault_ignores_ordinary_signal)
{
	struct mm_struct *mm = enter_test_mm();
	u64 val = 2;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	inject_retries(2);
	set_pending(SIGUSR1, true);
	KEXPECT(signal_pending_current());
	KEXPECT_EQ(copy_to_user((void __user *)RETRY_VA, &val, sizeof(val)), 0);
	set_pending(SIGUSR1, false);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 2);
	KEXPECT_EQ(mm->nr_pages, 1);
	leave_test_mm(mm);
}

/*
 * A user-mode fault (FAULT_FLAG_USER | INTERRUPTIBLE) with an unblocked signal pending:
 * the loop stops after the first retry and the trap half returns PF_RET_SIGNAL without
 * a signal of its own, so the pending one is delivered on the way out and the program
 * faults again after its handler. Without the signal the same fault completes.
 */
/* LAB: retry 10 */
KTEST(fault_retry_user_fault_returns_to_deliver_signal)
{
	unsigned int flags = FAULT_FLAG_DEFAULT | FAULT_FLAG_USER | FAULT_FLAG_WRITE;
	struct mm_struct *mm = enter_test_mm();
	kernel_sigset_t pending;
	struct pt_regs regs;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	memset(&regs, 0, sizeof(regs));
	inject_retries(1000);
	set_pending(SIGUSR1, true);
	pending = current->pending;
	KEXPECT_EQ(generic_page_fault(&regs, RETRY_VA, flags), PF_RET_SIGNAL);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 1);
	KEXPECT_EQ(mm->nr_pages, 0);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	KEXPECT_EQ(current->pending.sig[0], pending.sig[0]); /* no SIGSEGV/SIGBUS added */
	set_pending(SIGUSR1, false);

	inject_retries(2);
	KEXPECT_EQ(generic_page_fault(&regs, RETRY_VA, flags), PF_RET_DONE);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 2);
	KEXPECT_EQ(mm->nr_pages, 1);
	leave_test_mm(mm);
}

/*
 * The `locked` protocol: a caller holding the lock lets the fault drop it (fixup_user_fault
 * with unlocked); it comes back with the lock held again and *unlocked set. A caller
 * that may not lose the lock (unlocked NULL, no ALLOW_RETRY) never sees a retry.
 */
/* LAB: retry 10 */
KTEST(fault_retry_fixup_user_fault_reports_unlocked)
{
	struct mm_struct *mm = enter_test_mm();
	bool unlocked = false;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	inject_retries(2);
	mmap_read_lock(mm);
	KEXPECT_EQ(fixup_user_fault(mm, RETRY_VA, FAULT_FLAG_WRITE, &unlocked), 0);
	KEXPECT(unlocked);
	KEXPECT_EQ(mm->mmap_lock.count, 1); /* held again, by us */
	KEXPECT_EQ(fault_retry_inject.nr_injected, 2);
	KEXPECT_EQ(mm->nr_pages, 1);
	mmap_read_unlock(mm);

	inject_retries(5);
	mmap_read_lock(mm);
	KEXPECT_EQ(fixup_user_fault(mm, RETRY_VA + 8, 0, NULL), 0);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 0);
	KEXPECT_EQ(mm->mmap_lock.count, 1);
	mmap_read_unlock(mm);
	leave_test_mm(mm);
}

/* A user fault with SIGKILL pending ends the retries too: the task dies on its way out. */
KTEST(fault_retry_user_fault_with_fatal_signal_returns)
{
	unsigned int flags = FAULT_FLAG_DEFAULT | FAULT_FLAG_USER;
	struct mm_struct *mm = enter_test_mm();
	struct pt_regs regs;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	memset(&regs, 0, sizeof(regs));
	inject_retries(1000);
	set_pending(SIGKILL, true);
	KEXPECT_EQ(generic_page_fault(&regs, RETRY_VA, flags), PF_RET_SIGNAL);
	set_pending(SIGKILL, false);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 1);
	KEXPECT_EQ(mm->nr_pages, 0);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_test_mm(mm);
}

/*
 * fixup_user_fault() with unlocked, and SIGKILL pending: -EINTR after the first retry,
 * with the lock held again (as the caller had it) and *unlocked saying it was dropped.
 */
KTEST(fault_retry_fixup_user_fault_fatal_signal_eintr)
{
	struct mm_struct *mm = enter_test_mm();
	bool unlocked = false;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	inject_retries(1000);
	mmap_read_lock(mm);
	set_pending(SIGKILL, true);
	KEXPECT_EQ(fixup_user_fault(mm, RETRY_VA, FAULT_FLAG_WRITE, &unlocked), -EINTR);
	set_pending(SIGKILL, false);
	KEXPECT(unlocked);
	KEXPECT_EQ(mm->mmap_lock.count, 1);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 1);
	KEXPECT_EQ(mm->nr_pages, 0);
	mmap_read_unlock(mm);
	leave_test_mm(mm);
}

/*
 * FAULT_FLAG_RETRY_NOWAIT: a try that would wait returns PF_RET_RETRY at once, with the
 * lock still held and not counted as a retry (nothing waited); without the knob the
 * same fault completes.
 */
KTEST(fault_retry_nowait_returns_with_lock_held)
{
	unsigned int flags = FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_RETRY_NOWAIT | FAULT_FLAG_WRITE;
	struct mm_struct *mm = enter_test_mm();
	unsigned long retries = vm_events.nr_retries;
	bool locked = false;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	inject_retries(1);
	KEXPECT_EQ(fault_in_mm(mm, RETRY_VA, flags, &locked), PF_RET_RETRY);
	KEXPECT(locked);
	KEXPECT_EQ(mm->mmap_lock.count, 1);
	KEXPECT_EQ(vm_events.nr_retries, retries);
	KEXPECT_EQ(mm->nr_pages, 0);
	KEXPECT_EQ(fault_in_mm(mm, RETRY_VA, flags | FAULT_FLAG_TRIED, &locked), PF_RET_DONE);
	KEXPECT(locked);
	KEXPECT_EQ(mm->nr_pages, 1);
	mmap_read_unlock(mm);
	leave_test_mm(mm);
}
