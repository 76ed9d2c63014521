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

struct pt_regs;
/*
 * A kernel-mode fault (a page fault, x86's #GP, riscv64's access fault): if the faulting
 * instruction has an entry, resume at its fixup and return true. For a fetch fault the
 * pc is the bad target itself, so the entry is the exec probe's, found by the return
 * address of the call that jumped there (Linux's fixup_exception()).
 */
bool fixup_exception(struct pt_regs *regs);
/*
 * The arch's part of it. arch_fetch_fault_return_address(): if regs is a fetch fault,
 * the return address of the call that jumped to the bad pc (x86_64: on the stack;
 * riscv64: in ra), and true. arch_return_from_call(): resume at fixup as if that call
 * had returned there (x86_64 pops the return address; riscv64 has nothing to pop).
 */
bool arch_fetch_fault_return_address(const struct pt_regs *regs, unsigned long *ret_addr);
void arch_return_from_call(struct pt_regs *regs, unsigned long fixup);

#endif
#endif
