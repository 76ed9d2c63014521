/* The exception table: faults inside the nofault accessors become -EFAULT. */
#include <arch.h>
#include <errno.h>
#include <kernel/extable.h>
#include <kernel/test/ktest.h>
#include <kernel/uaccess.h>
#include <mm/frame.h>
#include <mm/pgtable.h>

extern struct exception_table_entry __ex_table_start[], __ex_table_end[];

KTEST(extable_fixup_returns_efault)
{
	static const u64 known = 0x0123456789abcdefUL;
	u64 val = 0;

	KEXPECT_EQ(get_kernel_nofault(val, &known), 0);
	KEXPECT_EQ(val, known);
	KEXPECT_EQ(get_kernel_nofault(val, (u64 *)(VMALLOC_START + 0x7000)), -EFAULT);
	KEXPECT_EQ(copy_to_kernel_nofault((void *)(VMALLOC_START + 0x7000), &val, 8), -EFAULT);
}

KTEST(extable_partial_copy)
{
	struct page *page = alloc_zeroed_page();
	unsigned long va = VMALLOC_START + 0x10000; /* mapped; the next page is not */
	u8 buf[16] = { 0 };

	KEXPECT(page != NULL);
	if (!page)
		return;
	KEXPECT_EQ(map_page(kernel_pgtable, va, page_to_phys(page), PAGE_KERNEL), 0);
	((u8 *)page_address(page))[PAGE_SIZE - 1] = 0x77;
	/* 16 bytes from 8 before the end: 8 copy, then the 9th faults. */
	KEXPECT_EQ(arch_copy_nofault(buf, (void *)(va + PAGE_SIZE - 8), 16), 8);
	KEXPECT_EQ(buf[7], 0x77);
	KEXPECT_EQ(unmap_page(kernel_pgtable, va, NULL), 0);
	put_page(page);
}

KTEST(extable_sorted_and_searchable)
{
	long n = __ex_table_end - __ex_table_start, unsorted = 0, missing = 0;

	KEXPECT(n >= 3); /* copy load, copy store, exec probe */
	for (long i = 0; i < n; i++) {
		if (i > 0 && __ex_table_start[i - 1].insn > __ex_table_start[i].insn)
			unsorted++;
		if (search_exception_tables(__ex_table_start[i].insn) != &__ex_table_start[i])
			missing++;
	}
	KEXPECT_EQ(unsorted, 0);
	KEXPECT_EQ(missing, 0);
	KEXPECT(search_exception_tables((unsigned long)&n) == NULL);
}
