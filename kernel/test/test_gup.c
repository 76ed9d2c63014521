/*
 * get_user_pages (mm/gup.h) on a test address space: the pages it returns and their
 * references, FOLL_FORCE's private copy, FOLL_NOWAIT, the `locked` protocol when a
 * fault drops the lock (made to, by the fault_retry_inject knob of mm/fault.h), the
 * signal rules and the return values; and access_remote_vm() on top of it.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/test/ktest.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/gup.h>
#include <mm/mm.h>
#include <mm/uaccess.h>

#define GUP_VA    0x10000000UL /* 4 pages read-write */
#define GUP_RO    0x10100000UL /* 2 pages read-only, private */
#define GUP_NONE  0x10200000UL /* 1 page PROT_NONE */
#define GUP_SHRO  0x10300000UL /* 1 page shared, read-only */

static struct mm_struct *saved_mm;

static struct mm_struct *enter_gup_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	if (mmap_region(mm, GUP_VA, 4 * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0) ||
	    mmap_region(mm, GUP_RO, 2 * PAGE_SIZE, VM_READ, NULL, 0) ||
	    mmap_region(mm, GUP_NONE, PAGE_SIZE, 0, NULL, 0) ||
	    mmap_region(mm, GUP_SHRO, PAGE_SIZE, VM_READ | VM_SHARED | VM_MAYSHARE, NULL, 0)) {
		mmput(mm);
		return NULL;
	}
	saved_mm = current->mm;
	current->mm = mm;
	activate_mm(mm);
	return mm;
}

static void leave_gup_mm(struct mm_struct *mm)
{
	memset(&fault_retry_inject, 0, sizeof(fault_retry_inject));
	current->mm = saved_mm;
	activate_mm(saved_mm);
	mmput(mm);
}

static void inject_retries(unsigned long addr, unsigned int n)
{
	memset(&fault_retry_inject, 0, sizeof(fault_retry_inject));
	fault_retry_inject.addr = addr;
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

/* Pages come back present, with a reference each; writes through them are the mm's. */
KTEST(gup_returns_pages_with_a_reference)
{
	struct mm_struct *mm = enter_gup_mm();
	struct page *pages[4];
	bool locked = false;
	u64 val = 0;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 4, FOLL_WRITE, pages, &locked), 4);
	KEXPECT(!locked);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	KEXPECT_EQ(mm->nr_pages, 4);
	for (int i = 0; i < 4; i++) {
		KEXPECT(pages[i] != zero_page);
		KEXPECT_EQ(pages[i]->refcount, 2); /* the mapping's and ours */
		*(u64 *)page_address(pages[i]) = 0xabc0 + (u64)i;
	}
	KEXPECT_EQ(copy_from_user(&val, (const void __user *)(GUP_VA + 2 * PAGE_SIZE), 8), 0);
	KEXPECT_EQ(val, 0xabc2);
	for (int i = 0; i < 4; i++)
		put_page(pages[i]);
	KEXPECT_EQ(pages[0]->refcount, 1);

	/* A read of an untouched read-only page is the zero page, and takes no frame. */
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_RO, 1, 0, pages, &locked), 1);
	KEXPECT(pages[0] == zero_page);
	put_page(pages[0]);
	KEXPECT_EQ(mm->nr_pages, 4);
	leave_gup_mm(mm);
}

/*
 * FOLL_FORCE | FOLL_WRITE into a read-only private mapping writes into a private copy,
 * left mapped read-only; without FOLL_FORCE, or in a shared mapping, it is -EFAULT.
 */
KTEST(gup_foll_force_writes_a_private_copy)
{
	struct mm_struct *mm = enter_gup_mm();
	struct page *page, *zero;
	bool locked = false;
	u64 val = 0;
	pte_t *pte;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_RO, 1, FOLL_WRITE, &page, &locked), -EFAULT);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_SHRO, 1, FOLL_WRITE | FOLL_FORCE, &page, &locked),
		   -EFAULT);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_NONE, 1, FOLL_FORCE, &page, &locked), -EFAULT);
	/* Mapped first to the zero page by a read: the forced write must copy it. */
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_RO, 1, 0, &zero, &locked), 1);
	KEXPECT(zero == zero_page);
	put_page(zero);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_RO, 1, FOLL_WRITE | FOLL_FORCE, &page, &locked), 1);
	KEXPECT(page != zero_page);
	KEXPECT_EQ(page->refcount, 2);
	*(u64 *)page_address(page) = 0xf0cce;
	put_page(page);
	KEXPECT_EQ(*(u64 *)page_address(zero_page), 0);
	pte = walk(mm->pgd, GUP_RO, false);
	KEXPECT(pte && pte_present(*pte) && !(pte_prot(*pte) & PAGE_W));
	KEXPECT_EQ(pte_pfn(*pte), page_to_pfn(page));
	KEXPECT_EQ(copy_from_user(&val, (const void __user *)GUP_RO, 8), 0);
	KEXPECT_EQ(val, 0xf0cce);
	/* A second forced write reuses the copy, which is the mm's alone. */
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_RO, 1, FOLL_WRITE | FOLL_FORCE, &zero, &locked), 1);
	KEXPECT(zero == page);
	put_page(zero);
	leave_gup_mm(mm);
}

/* FOLL_NOWAIT: a fault that would wait is not waited for; 0 pages, the lock kept. */
KTEST(gup_nowait_returns_zero_and_keeps_the_lock)
{
	struct mm_struct *mm = enter_gup_mm();
	struct page *page;
	bool locked = true;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 1, FOLL_NOWAIT, &page, NULL), -EINVAL);
	inject_retries(GUP_VA, 1);
	mmap_read_lock(mm);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 1, FOLL_NOWAIT, &page, &locked), 0);
	KEXPECT(locked);
	KEXPECT_EQ(mm->mmap_lock.count, 1);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 1);
	KEXPECT(fault_retry_inject.flags_seen[0] & FAULT_FLAG_RETRY_NOWAIT);
	KEXPECT_EQ(mm->nr_pages, 0);
	/* Once nothing would wait, NOWAIT gets the page. */
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 1, FOLL_NOWAIT, &page, &locked), 1);
	put_page(page);
	mmap_read_unlock(mm);
	leave_gup_mm(mm);
}

/*
 * A fault that drops the lock in the middle of a range: GUP retakes it, does that page
 * again with FAULT_FLAG_TRIED, and goes on; the caller gets every page and the lock.
 */
KTEST(gup_locked_dropped_and_retaken)
{
	struct mm_struct *mm = enter_gup_mm();
	struct page *pages[4];
	bool locked = true;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	inject_retries(GUP_VA + PAGE_SIZE, 2);
	mmap_read_lock(mm);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 4, FOLL_WRITE, pages, &locked), 4);
	KEXPECT(locked); /* retaken for the caller, who held it */
	KEXPECT_EQ(mm->mmap_lock.count, 1);
	mmap_read_unlock(mm);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 2);
	KEXPECT_EQ(fault_retry_inject.nr_seen, 3);
	KEXPECT(fault_retry_inject.flags_seen[0] & FAULT_FLAG_ALLOW_RETRY);
	KEXPECT(!(fault_retry_inject.flags_seen[0] & FAULT_FLAG_TRIED));
	KEXPECT(fault_retry_inject.flags_seen[1] & FAULT_FLAG_TRIED);
	KEXPECT(fault_retry_inject.flags_seen[2] & FAULT_FLAG_TRIED);
	for (int i = 0; i < 4; i++) {
		KEXPECT_EQ(pages[i]->refcount, 2);
		put_page(pages[i]);
	}
	KEXPECT_EQ(mm->nr_pages, 4);

	/* Without `locked` the lock may not go: no retry is even offered. */
	inject_retries(GUP_RO, 5);
	mmap_read_lock(mm);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_RO, 1, 0, pages, NULL), 1);
	mmap_read_unlock(mm);
	put_page(pages[0]);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 0);
	leave_gup_mm(mm);
}

/* The numbers GUP returns: pages done, else the first page's error. */
KTEST(gup_return_values)
{
	struct mm_struct *mm = enter_gup_mm();
	struct page *pages[4];
	bool locked = false;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA - PAGE_SIZE, 1, 0, pages, &locked), -EFAULT);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 0, 0, pages, &locked), 0);
	/* Two pages done, then the end of the VMA: 2, and the caller asks again for why. */
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA + 2 * PAGE_SIZE, 4, 0, pages, &locked), 2);
	put_page(pages[0]);
	put_page(pages[1]);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_NONE, 1, 0, pages, &locked), -EFAULT);
	/* A poisoned page: -EHWPOISON if asked for, else -EFAULT. */
	mmap_write_lock(mm);
	poison_page(vma_lookup(mm, GUP_VA + 3 * PAGE_SIZE), GUP_VA + 3 * PAGE_SIZE);
	mmap_write_unlock(mm);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA + 3 * PAGE_SIZE, 1, 0, pages, &locked), -EFAULT);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA + 3 * PAGE_SIZE, 1, FOLL_HWPOISON, pages,
					 &locked), -EHWPOISON);
	/* A fatal signal: -EINTR before any page. */
	set_pending(SIGKILL, true);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 1, 0, pages, &locked), -EINTR);
	set_pending(SIGKILL, false);
	KEXPECT(!locked);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_gup_mm(mm);
}

/*
 * A retry with a signal pending: an ordinary signal ends GUP only with
 * FOLL_INTERRUPTIBLE (-EINTR, no page), else the retries go on to the page.
 */
KTEST(gup_interruptible_ends_on_any_signal)
{
	struct mm_struct *mm = enter_gup_mm();
	struct page *page;
	bool locked = false;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	set_pending(SIGUSR1, true);
	inject_retries(GUP_VA, 1000);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 1, FOLL_INTERRUPTIBLE, &page, &locked),
		   -EINTR);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 1);
	KEXPECT(!locked);
	KEXPECT_EQ(mm->nr_pages, 0);
	inject_retries(GUP_VA, 3);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA, 1, FOLL_WRITE, &page, &locked), 1);
	KEXPECT_EQ(fault_retry_inject.nr_injected, 3);
	put_page(page);
	set_pending(SIGUSR1, false);
	/* A fatal one ends even a plain GUP's retries. */
	set_pending(SIGKILL, true);
	inject_retries(GUP_VA + PAGE_SIZE, 1000);
	KEXPECT_EQ(get_user_pages_remote(mm, GUP_VA + PAGE_SIZE, 1, 0, &page, &locked), -EINTR);
	set_pending(SIGKILL, false);
	KEXPECT(fault_retry_inject.nr_injected <= 1);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_gup_mm(mm);
}

/* access_remote_vm(): bytes across a page boundary, in and out; stops at a hole. */
KTEST(gup_access_remote_vm_copies_across_pages)
{
	struct mm_struct *mm = enter_gup_mm();
	char in[16] = "across a border", out[16] = { 0 };

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	KEXPECT_EQ(access_remote_vm(mm, GUP_VA + PAGE_SIZE - 6, in, 16, FOLL_WRITE), 16);
	KEXPECT_EQ(access_remote_vm(mm, GUP_VA + PAGE_SIZE - 6, out, 16, 0), 16);
	KEXPECT_STREQ(out, in);
	KEXPECT_EQ(access_remote_vm(mm, GUP_VA + 4 * PAGE_SIZE - 4, out, 16, 0), 4);
	KEXPECT_EQ(access_remote_vm(mm, GUP_RO + 8, in, 8, FOLL_WRITE), 0);
	KEXPECT_EQ(access_remote_vm(mm, GUP_RO + 8, in, 8, FOLL_WRITE | FOLL_FORCE), 8);
	KEXPECT_EQ(mm->mmap_lock.count, 0);
	leave_gup_mm(mm);
}
