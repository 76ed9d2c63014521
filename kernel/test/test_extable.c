/* The exception table: faults inside the nofault accessors become -EFAULT. */
#include <arch.h>
#include <errno.h>
#include <kernel/extable.h>
#include <kernel/printk.h>
#include <kernel/test/ktest.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
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

/*
 * The count of bytes not copied is exact to the byte, whichever side faults and however
 * dst and src are aligned (arch_copy_nofault moves words only where both are aligned,
 * and must still stop on the first byte that faults). A page is mapped at va, the page
 * after it is not. The faulting side starts `good` bytes before the hole, good = 0..136,
 * so it takes every alignment (-good mod 8) many times over and the fault falls on
 * every word of a 64-byte step (riscv64 copies eight words a step, loads before
 * stores, with a fixup per store), and the other side, a kernel buffer, starts at
 * every alignment 0..7. Each copy asks for good + extra bytes:
 * exactly extra must come back as not copied, the good bytes must have arrived, and no
 * byte outside them may change.
 */
#define NOFAULT_GOOD_MAX 136
#define NOFAULT_PAD      8
#define NOFAULT_SPAN     (NOFAULT_GOOD_MAX + 16) /* checked below the hole */

static u8 nofault_src_byte(unsigned long i)
{
	return (u8)(0xa0 + i);
}

/* Copy from the page end into buf: bad counts the cases that went wrong. */
static unsigned long check_copy_from_hole(u8 *page_end, unsigned long good, unsigned long align,
					  unsigned long extra)
{
	static u8 buf[NOFAULT_PAD + 8 + NOFAULT_GOOD_MAX + 32] __aligned(8);
	u8 *dst = buf + NOFAULT_PAD + align;
	unsigned long n = good + extra, bad = 0;

	memset(buf, 0x55, sizeof(buf));
	for (unsigned long i = 0; i < good; i++)
		page_end[(long)i - (long)good] = nofault_src_byte(i);
	if (arch_copy_nofault(dst, page_end - good, n) != extra)
		bad++;
	for (unsigned long i = 0; i < sizeof(buf); i++) {
		bool copied = buf + i >= dst && buf + i < dst + good;

		if (buf[i] != (copied ? nofault_src_byte((unsigned long)(buf + i - dst)) : 0x55))
			bad++;
	}
	return bad;
}

/* Copy from buf to the page end: bad counts the cases that went wrong. */
static unsigned long check_copy_to_hole(u8 *page_end, unsigned long good, unsigned long align,
					unsigned long extra)
{
	static u8 buf[8 + NOFAULT_GOOD_MAX + 128] __aligned(8); /* up to 100 more may be read */
	u8 *src = buf + align, *dst = page_end - good;
	unsigned long n = good + extra, bad = 0;

	for (unsigned long i = 0; i < sizeof(buf); i++)
		buf[i] = nofault_src_byte(i);
	memset(page_end - NOFAULT_SPAN, 0x55, NOFAULT_SPAN);
	if (arch_copy_nofault(dst, src, n) != extra)
		bad++;
	for (long i = -NOFAULT_SPAN; i < 0; i++) {
		bool copied = page_end + i >= dst;

		if (page_end[i] != (copied ? src[page_end + i - dst] : 0x55))
			bad++;
	}
	return bad;
}

KTEST(extable_partial_copy_every_alignment)
{
	static const unsigned long extras[] = { 1, 7, 8, 17, 64, 100 };
	struct page *page = alloc_zeroed_page();
	unsigned long va = VMALLOC_START + 0x10000; /* mapped; the next page is not */
	unsigned long bad_from = 0, bad_to = 0;
	u8 *page_end = (u8 *)(va + PAGE_SIZE);

	KEXPECT(page != NULL);
	if (!page)
		return;
	KEXPECT_EQ(map_page(kernel_pgtable, va, page_to_phys(page), PAGE_KERNEL), 0);
	for (unsigned long good = 0; good <= NOFAULT_GOOD_MAX; good++)
		for (unsigned long align = 0; align < 8; align++)
			for (unsigned long e = 0; e < ARRAY_SIZE(extras); e++) {
				unsigned long f = check_copy_from_hole(page_end, good, align, extras[e]);
				unsigned long t = check_copy_to_hole(page_end, good, align, extras[e]);

				if ((f && !bad_from) || (t && !bad_to))
					printk("first wrong copy: %s the hole, %lu good bytes, "
					       "buffer +%lu, %lu more\n", f ? "from" : "to", good, align,
					       extras[e]);
				bad_from += f;
				bad_to += t;
			}
	KEXPECT_EQ(bad_from, 0);
	KEXPECT_EQ(bad_to, 0);
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
