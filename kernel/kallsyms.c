/*
 * Symbol lookup. tools/kallsyms.py generates the table from the linked kernel and the
 * Makefile links it in a second pass (see the kernel.elf rule). Before that pass the
 * table is empty and lookups return NULL.
 */
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

/* Weak, so the first link pass (without the generated table) still links. */
extern const unsigned long kallsyms_num __attribute__((weak));
extern const unsigned long kallsyms_addresses[] __attribute__((weak));
extern const u32 kallsyms_name_offsets[] __attribute__((weak));
extern const char kallsyms_names[] __attribute__((weak));

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset)
{
	long lo = 0, hi, found = -1;

	if (!&kallsyms_num || kallsyms_num == 0)
		return NULL;
	hi = (long)kallsyms_num - 1;
	/* The last symbol at or below addr. */
	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (found < 0)
		return NULL;
	*offset = addr - kallsyms_addresses[found];
	return kallsyms_names + kallsyms_name_offsets[found];
}

void print_backtrace_entry(unsigned long addr)
{
	unsigned long off = 0;
	const char *name = kallsyms_lookup(addr, &off);

	if (name)
		printk("  [<%016lx>] %s+%#lx\n", addr, name, off);
	else
		printk("  [<%016lx>] ?\n", addr);
}
