/* Look up faulting kernel instructions in the exception table (see extable.h). */
#include <asm/ptrace.h>
#include <kernel/extable.h>

extern struct exception_table_entry __ex_table_start[], __ex_table_end[];

void extable_sort(void)
{
	long n = __ex_table_end - __ex_table_start;

	/* Insertion sort: the table is short and this runs once. */
	for (long i = 1; i < n; i++) {
		struct exception_table_entry e = __ex_table_start[i];
		long j = i - 1;

		while (j >= 0 && __ex_table_start[j].insn > e.insn) {
			__ex_table_start[j + 1] = __ex_table_start[j];
			j--;
		}
		__ex_table_start[j + 1] = e;
	}
}

const struct exception_table_entry *search_exception_tables(unsigned long insn)
{
	long lo = 0, hi = __ex_table_end - __ex_table_start - 1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;
		const struct exception_table_entry *e = &__ex_table_start[mid];

		if (e->insn == insn)
			return e;
		if (e->insn < insn)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e;
	unsigned long ret_addr;

	/* A fetch fault: the pc is the bad target; the call that jumped there is the entry. */
	if (arch_fetch_fault_return_address(regs, &ret_addr)) {
		e = search_exception_tables(ret_addr);
		if (!e || e->type != EX_TYPE_EXEC_PROBE)
			return false;
		arch_return_from_call(regs, e->fixup);
		return true;
	}
	e = search_exception_tables(instruction_pointer(regs));
	if (!e || e->type != EX_TYPE_FIXUP)
		return false;
	instruction_pointer_set(regs, e->fixup);
	return true;
}
