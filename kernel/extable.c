/* Look up faulting kernel instructions in the exception table (see extable.h). */
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
