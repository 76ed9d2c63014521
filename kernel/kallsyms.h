/* The kernel's own symbol table, for name+offset in backtraces (Linux's kallsyms). */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include <types.h>

/* The name of the function containing addr and the offset into it, or NULL. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset);
/* printk "  [<address>] name+0xoff" for a backtrace line. */
void print_backtrace_entry(unsigned long addr);

#endif
