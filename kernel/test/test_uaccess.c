/*
 * The kernel's guards around user memory, on every arch: it can touch user pages only
 * inside user_access_begin()/end() (riscv64 SUM, x86_64 SMAP), it can never execute
 * them (riscv64 always, x86_64 SMEP), and its own stack has a guard page.
 */
#include <arch.h>
#include <asm/uaccess.h>
#include <errno.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <kernel/test/ktest.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/sections.h>

#define TEST_USER_VA 0x10000000UL /* a user-half address; nothing else maps it here */

KTEST(uaccess_user_page_needs_window)
{
	struct page *page = alloc_zeroed_page();
	u64 *user = (u64 *)TEST_USER_VA, val = 0;
	long err;

	KEXPECT(page != NULL);
	if (!page)
		return;
	*(u64 *)page_address(page) = 0xfeedface;
	KEXPECT_EQ(map_page(kernel_pgtable, TEST_USER_VA, page_to_phys(page), PAGE_R | PAGE_W | PAGE_U), 0);
	KEXPECT_EQ(get_kernel_nofault(val, user), -EFAULT); /* window closed: faults */
	user_access_begin();
	err = get_kernel_nofault(val, user);
	user_access_end();
	KEXPECT_EQ(err, 0);
	KEXPECT_EQ(val, 0xfeedface);
	KEXPECT_EQ(get_kernel_nofault(val, user), -EFAULT); /* closed again */
	KEXPECT_EQ(unmap_page(kernel_pgtable, TEST_USER_VA, NULL), 0);
	put_page(page);
}

/*
 * A nofault read of a user address with the window closed, in a task whose address
 * space has a VMA there: the fault core must not map the page and call the fault
 * resolved (the read would fault again forever), but fail it: -EFAULT, nothing mapped.
 * With the window open the same read demand-faults the zero page in.
 */
KTEST(uaccess_closed_window_fails_even_with_a_vma)
{
	struct mm_struct *mm = mm_alloc(), *saved = current->mm;
	u64 *user = (u64 *)TEST_USER_VA, val = 1;
	long err;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	KEXPECT_EQ(mmap_region(mm, TEST_USER_VA, PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0), 0);
	current->mm = mm;
	activate_mm(mm);
	KEXPECT_EQ(get_kernel_nofault(val, user), -EFAULT);
	KEXPECT_EQ(mm->nr_pages, 0);
	user_access_begin();
	err = get_kernel_nofault(val, user);
	user_access_end();
	KEXPECT_EQ(err, 0);
	KEXPECT_EQ(val, 0);
	current->mm = saved;
	activate_mm(saved);
	mmput(mm);
}

KTEST(uaccess_kernel_never_executes_user_page)
{
	struct page *page = alloc_zeroed_page();
	long err;

	KEXPECT(page != NULL);
	if (!page)
		return;
	memcpy(page_address(page), exec_probe_ret_insn, 16);
	KEXPECT_EQ(map_page(kernel_pgtable, TEST_USER_VA, page_to_phys(page), PAGE_R | PAGE_X | PAGE_U), 0);
	KEXPECT_EQ(arch_exec_probe((void *)TEST_USER_VA), -EFAULT);
	user_access_begin(); /* the data window does not open execution */
	err = arch_exec_probe((void *)TEST_USER_VA);
	user_access_end();
	KEXPECT_EQ(err, -EFAULT);
	KEXPECT_EQ(unmap_page(kernel_pgtable, TEST_USER_VA, NULL), 0);
	put_page(page);
}

KTEST(kernel_stack_guard_unmapped)
{
	u8 byte = 0;
	u8 here;

	KEXPECT_EQ(get_kernel_nofault(byte, boot_stack_guard), -EFAULT);
	KEXPECT_EQ(get_kernel_nofault(byte, boot_stack_guard + PAGE_SIZE - 1), -EFAULT);
	KEXPECT_EQ(get_kernel_nofault(byte, boot_stack), 0);
	/* We are running on that stack, above the guard. */
	KEXPECT((char *)&here > boot_stack && (char *)&here < boot_stack_top);
}
