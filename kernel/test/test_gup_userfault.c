/*
 * GUP against a range registered with a user pager (mm/userfaultfd.h), whose missing
 * page is a fault that really waits: FOLL_NOWAIT never waits and queues nothing (Linux's
 * handle_userfault() returns before queueing with RETRY_NOWAIT), so it takes the pages
 * before that one, or 0; FOLL_INTERRUPTIBLE lets any signal end the wait with -EINTR
 * when no page was done; a fatal signal ends any GUP that may drop the lock; and
 * access_remote_vm(), which may not drop it, fails on that page instead of waiting.
 *
 * The pager is a context made here, with nobody reading it: a fault that waited for it
 * would wait forever, so every case below must end without a wake.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/test/ktest.h>
#include <lib/list.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/gup.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/userfaultfd.h>
#include <mm/vma_tree.h>

#define UF_VA 0x10000000UL /* 2 pages read-write: page 0 present, page 1 registered, missing */

static struct mm_struct *saved_mm;
static struct userfaultfd_ctx test_ctx;

static struct mm_struct *enter_uffd_mm(void)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;
	struct page *page;
	bool locked = false;

	if (!mm)
		return NULL;
	if (mmap_region(mm, UF_VA, 2 * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0)) {
		mmput(mm);
		return NULL;
	}
	saved_mm = current->mm;
	current->mm = mm;
	activate_mm(mm);
	/* Page 0 is faulted in before the range is registered. */
	if (get_user_pages_remote(mm, UF_VA, 1, FOLL_WRITE, &page, &locked) == 1)
		put_page(page);

	memset(&test_ctx, 0, sizeof(test_ctx));
	test_ctx.refs = 1; /* the file's, which never goes: the context is not freed */
	test_ctx.features = UFFD_FEATURE_INITIALIZED;
	test_ctx.mm = mm;
	spin_lock_init(&test_ctx.lock);
	INIT_LIST_HEAD(&test_ctx.fault_pending);
	INIT_LIST_HEAD(&test_ctx.fault_read);
	INIT_LIST_HEAD(&test_ctx.event_pending);
	init_wait_queue(&test_ctx.fd_wqh);
	mmap_write_lock(mm);
	vma = vma_lookup(mm, UF_VA);
	vma->vm_flags |= VM_UFFD_MISSING;
	vma->vm_userfaultfd_ctx = &test_ctx;
	mmap_write_unlock(mm);
	return mm;
}

static void leave_uffd_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	mmap_write_lock(mm);
	vma = vma_lookup(mm, UF_VA);
	vma->vm_flags &= ~VM_UFFD_MISSING;
	vma->vm_userfaultfd_ctx = NULL;
	mmap_write_unlock(mm);
	current->mm = saved_mm;
	activate_mm(saved_mm);
	mmput(mm);
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

/* Is the registered page still missing, and does nothing wait for the pager? */
static bool page_missing_nothing_queued(struct mm_struct *mm)
{
	pte_t *pte = walk(mm->pgd, UF_VA + PAGE_SIZE, false);

	return (!pte || pte_none(*pte)) && list_empty(&test_ctx.fault_pending) &&
	       list_empty(&test_ctx.fault_read) && test_ctx.refs == 1;
}

/* FOLL_NOWAIT: the present page, then a stop before the one that would wait; 0 pages if
 * it is the first; no message, no retry counted, the lock released. */
KTEST(gup_uffd_nowait_takes_no_page_and_queues_nothing)
{
	struct mm_struct *mm = enter_uffd_mm();
	unsigned long retries = vm_events.nr_retries;
	struct page *pages[2];
	bool locked = false;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	KEXPECT_EQ(get_user_pages_remote(mm, UF_VA + PAGE_SIZE, 1, FOLL_NOWAIT, pages, &locked), 0);
	KEXPECT(!locked);
	KEXPECT(page_missing_nothing_queued(mm));
	KEXPECT_EQ(get_user_pages_remote(mm, UF_VA, 2, FOLL_NOWAIT, pages, &locked), 1);
	put_page(pages[0]);
	KEXPECT(!locked);
	KEXPECT(page_missing_nothing_queued(mm));
	/* The caller holding the lock keeps it: nothing waited, so nothing dropped it. */
	mmap_read_lock(mm);
	locked = true;
	KEXPECT_EQ(get_user_pages_remote(mm, UF_VA + PAGE_SIZE, 1, FOLL_NOWAIT, pages, &locked), 0);
	KEXPECT(locked);
	mmap_read_unlock(mm);
	KEXPECT_EQ(vm_events.nr_retries, retries);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_uffd_mm(mm);
}

/*
 * FOLL_INTERRUPTIBLE with a non-fatal signal pending: the fault queues its message, is
 * not made to sleep, withdraws it and returns VM_FAULT_RETRY (one retry counted); GUP
 * then stops with -EINTR if no page was done, else with the pages done. The same through
 * get_user_pages_unlocked() on the running mm.
 */
KTEST(gup_uffd_interruptible_ends_with_eintr)
{
	struct mm_struct *mm = enter_uffd_mm();
	unsigned long retries = vm_events.nr_retries;
	struct page *pages[2];
	bool locked = false;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	set_pending(SIGUSR1, true);
	KEXPECT_EQ(get_user_pages_remote(mm, UF_VA + PAGE_SIZE, 1, FOLL_INTERRUPTIBLE, pages,
					 &locked), -EINTR);
	KEXPECT(!locked);
	KEXPECT_EQ(vm_events.nr_retries, retries + 1);
	KEXPECT(page_missing_nothing_queued(mm));
	KEXPECT_EQ(get_user_pages_remote(mm, UF_VA, 2, FOLL_INTERRUPTIBLE, pages, &locked), 1);
	put_page(pages[0]);
	KEXPECT(!locked);
	KEXPECT_EQ(get_user_pages_unlocked(UF_VA + PAGE_SIZE, 1, pages, FOLL_INTERRUPTIBLE),
		   -EINTR);
	KEXPECT_EQ(get_user_pages_unlocked(UF_VA, 2, pages, FOLL_WRITE | FOLL_INTERRUPTIBLE), 1);
	put_page(pages[0]);
	set_pending(SIGUSR1, false);
	KEXPECT(page_missing_nothing_queued(mm));
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_uffd_mm(mm);
}

/* A fatal signal ends a GUP that may drop the lock (KILLABLE), with or without
 * FOLL_INTERRUPTIBLE; nothing is left queued. */
KTEST(gup_uffd_fatal_signal_ends_with_eintr)
{
	struct mm_struct *mm = enter_uffd_mm();
	struct page *page;
	bool locked = false;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	set_pending(SIGKILL, true);
	KEXPECT_EQ(get_user_pages_remote(mm, UF_VA + PAGE_SIZE, 1, 0, &page, &locked), -EINTR);
	KEXPECT(!locked);
	KEXPECT_EQ(get_user_pages_unlocked(UF_VA + PAGE_SIZE, 1, &page, FOLL_WRITE), -EINTR);
	set_pending(SIGKILL, false);
	KEXPECT(page_missing_nothing_queued(mm));
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_uffd_mm(mm);
}

/* access_remote_vm() may not drop the lock: the registered missing page is not
 * reachable (handle_userfault()'s VM_FAULT_SIGBUS), nothing is queued, and a copy that
 * starts on the present page stops at its end. */
KTEST(gup_uffd_access_remote_vm_does_not_wait)
{
	struct mm_struct *mm = enter_uffd_mm();
	unsigned long retries = vm_events.nr_retries;
	char buf[16];

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	KEXPECT_EQ(access_remote_vm(mm, UF_VA + PAGE_SIZE, buf, 8, 0), 0);
	KEXPECT_EQ(access_remote_vm(mm, UF_VA + PAGE_SIZE + 8, buf, 8, FOLL_WRITE | FOLL_FORCE), 0);
	KEXPECT_EQ(access_remote_vm(mm, UF_VA + PAGE_SIZE - 4, buf, 16, 0), 4);
	KEXPECT(page_missing_nothing_queued(mm));
	KEXPECT_EQ(vm_events.nr_retries, retries);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_uffd_mm(mm);
}
