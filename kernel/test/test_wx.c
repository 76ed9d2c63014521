/*
 * W^X of the kernel image: text cannot be written, data cannot be executed, and no page
 * in the kernel's tables is both. Each forbidden access must end in the exception table
 * (an -EFAULT return), not succeed silently and not oops.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/test/ktest.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/pgtable.h>
#include <mm/sections.h>

static const u32 rodata_word = 0x5eed1e55;
static u8 data_code[32] __aligned(16) = { 1 }; /* initialised: lives in .data */
static u8 bss_code[32] __aligned(16);          /* zero: lives in .bss */

KTEST(wx_text_executes)
{
	/* The control experiment: a `ret` in kernel text runs and returns. */
	KEXPECT_EQ(arch_exec_probe(exec_probe_ret_insn), 0);
}

KTEST(wx_text_not_writable)
{
	u8 *text = (u8 *)exec_probe_ret_insn;
	u8 byte = 0;

	KEXPECT_EQ(get_kernel_nofault(byte, text), 0);
	/* Writing the same byte back: harmless if W^X is broken, but it must fault. */
	KEXPECT_EQ(copy_to_kernel_nofault(text, &byte, 1), -EFAULT);
}

KTEST(wx_text_alias_not_writable)
{
	u8 *alias = __va(__pa(exec_probe_ret_insn)); /* kernel text, through the direct map */
	u8 byte = 0;

	KEXPECT_EQ(get_kernel_nofault(byte, alias), 0);
	KEXPECT_EQ(copy_to_kernel_nofault(alias, &byte, 1), -EFAULT);
	KEXPECT_EQ(copy_to_kernel_nofault(__va(__pa(&rodata_word)), &byte, 1), -EFAULT);
}

KTEST(wx_rodata_not_writable)
{
	u32 other = 0;

	KEXPECT_EQ(copy_to_kernel_nofault((void *)&rodata_word, &other, sizeof(other)), -EFAULT);
	KEXPECT_EQ(rodata_word, 0x5eed1e55);
}

KTEST(wx_data_not_executable)
{
	u8 *heap = kmalloc(32);
	void *text_alias = __va(__pa(exec_probe_ret_insn)); /* text through the direct map */

	memcpy(data_code, exec_probe_ret_insn, 16);
	memcpy(bss_code, exec_probe_ret_insn, 16);
	KEXPECT_EQ(arch_exec_probe(data_code), -EFAULT);
	KEXPECT_EQ(arch_exec_probe(bss_code), -EFAULT);
	KEXPECT_EQ(arch_exec_probe(text_alias), -EFAULT);
	if (heap) {
		memcpy(heap, exec_probe_ret_insn, 16);
		KEXPECT_EQ(arch_exec_probe(heap), -EFAULT);
		kfree(heap);
	}
}

struct wx_count {
	unsigned long leaves, writable_exec;
};

static void count_wx(unsigned long va, pte_t pte, void *arg)
{
	struct wx_count *c = arg;
	unsigned int prot = pte_prot(pte);

	(void)va;
	c->leaves++;
	if ((prot & PAGE_W) && (prot & PAGE_X))
		c->writable_exec++;
}

KTEST(wx_no_page_writable_and_executable)
{
	struct wx_count c = { 0, 0 };
	unsigned int prot = 0;

	pgtable_for_each_leaf(kernel_pgtable, count_wx, &c);
	KEXPECT(c.leaves > 1000); /* the walk really saw the direct map */
	KEXPECT_EQ(c.writable_exec, 0);
	KEXPECT_EQ(translate(kernel_pgtable, (unsigned long)_text, NULL, &prot), 0);
	KEXPECT_EQ(prot, PAGE_KERNEL_ROX);
	KEXPECT_EQ(translate(kernel_pgtable, (unsigned long)_rodata, NULL, &prot), 0);
	KEXPECT_EQ(prot, PAGE_KERNEL_RO);
	KEXPECT_EQ(translate(kernel_pgtable, (unsigned long)_data, NULL, &prot), 0);
	KEXPECT_EQ(prot, PAGE_KERNEL);
}
