/*
 * The exception table: a list of kernel instructions that are allowed to fault, each
 * with the address to resume at (its "fixup"). When a kernel-mode access faults, the
 * trap handler looks the faulting pc up here; found, the fault becomes an error return
 * (-EFAULT) instead of an oops. This is how copy_from_user() and get_kernel_nofault()
 * survive bad pointers. Entries are emitted next to the instruction with _ASM_EXTABLE
 * (assembly) and collected by the linker between __ex_table_start and __ex_table_end.
 */
#ifndef KERNEL_EXTABLE_H
#define KERNEL_EXTABLE_H

/* Entry types. */
#define EX_TYPE_FIXUP      0 /* a load or store at insn faulted: resume at fixup */
#define EX_TYPE_EXEC_PROBE 1 /* a call whose return address is insn jumped to a page that
				cannot execute: drop the call, resume at fixup */

#define EXTABLE_ENTRY_SIZE 24

#ifdef __ASSEMBLER__

/* Emit an entry: "the instruction at \insn may fault; go to \fixup if it does". */
.macro _ASM_EXTABLE insn, fixup, type=EX_TYPE_FIXUP
	.pushsection __ex_table, "a"
	.balign 8
	.quad \insn, \fixup, \type
	.popsection
.endm

#else

#include <types.h>

struct exception_table_entry {
	unsigned long insn;  /* address of the instruction that may fault */
	unsigned long fixup; /* where to continue when it does */
	unsigned long type;  /* EX_TYPE_* */
};

_Static_assert(sizeof(struct exception_table_entry) == EXTABLE_ENTRY_SIZE,
	       "the assembly macro emits 3 quads");

/* Sort the table so lookups can binary-search it. Call before the image is read-only. */
void extable_sort(void);
/* The entry for a faulting instruction address, or NULL. */
const struct exception_table_entry *search_exception_tables(unsigned long insn);

#endif
#endif
