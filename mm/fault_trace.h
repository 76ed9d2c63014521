/*
 * The fault trace: one line per page fault the trap half (generic_page_fault(),
 * mm/fault.c) handled, for pictures of what a program's faults did (tools/faultplot.py,
 * docs/fault-pictures.md).
 *
 * Off unless the command line says `fault_trace` (room for FAULT_TRACE_DEFAULT records)
 * or `fault_trace=N` (room for N). When on, every fault is recorded until the room is
 * full (later faults are counted as dropped), and the records are printed on the console
 * when init exits, between a `fault_trace: begin` and a `fault_trace: end` line.
 *
 * Each record says who faulted (pid, name), where (address, and the access: read, write
 * or fetch, from user or kernel mode), what the address was (the VMA's kind), what the
 * fault did (its outcome, seen by comparing the page-table entry before and after), how
 * many times it was retried, and what it cost: the instructions the CPU retired from the
 * start of the fault to its end (arch_instruction_counter()), which is an instruction
 * count only when QEMU runs with `-icount shift=0,sleep=off`.
 *
 * Only the trap half is traced: GUP's and exec's faults (mm/gup.c) are not.
 * When the trace is off, a fault pays one load and one branch per hook.
 */
#ifndef MM_FAULT_TRACE_H
#define MM_FAULT_TRACE_H

#include <mm/fault.h>
#include <mm/pgtable.h>
#include <types.h>

#define FAULT_TRACE_DEFAULT 4096 /* records kept for a bare `fault_trace` */

struct mm_struct;

/* What one fault looked like when it started, kept on the faulting task's stack. */
struct fault_trace_probe {
	bool on;                     /* the trace was on when the fault began */
	bool looked;                 /* the PTE below was read (the fault reached the mm) */
	pte_t pte_before;            /* the leaf PTE before the fault (0: no table) */
	unsigned long retries_before; /* current->faults.nr_retries at the start */
	unsigned long major_before;  /* current->faults.nr_major_faults at the start */
	u64 start;                   /* arch_instruction_counter() at the start */
};

extern bool fault_trace_enabled; /* `fault_trace` was on the command line */

/* Read the command line; with the trace on, allocate its records. */
void fault_trace_init(void);

void __fault_trace_begin(struct fault_trace_probe *probe);
void __fault_trace_look(struct fault_trace_probe *probe, struct mm_struct *mm,
			unsigned long addr);
void __fault_trace_end(struct fault_trace_probe *probe, struct mm_struct *mm,
		       unsigned long addr, unsigned int flags, enum page_fault_retval r);

/* At the start of generic_page_fault(): note the time and the task's counters. */
static inline void fault_trace_begin(struct fault_trace_probe *probe)
{
	probe->on = fault_trace_enabled;
	if (probe->on)
		__fault_trace_begin(probe);
}

/*
 * Just before the lock half: read addr's PTE in mm (takes and drops mm's lock for
 * reading, so only where the fault itself may take it).
 */
static inline void fault_trace_look(struct fault_trace_probe *probe, struct mm_struct *mm,
				    unsigned long addr)
{
	if (probe->on)
		__fault_trace_look(probe, mm, addr);
}

/*
 * When the fault is decided (r): record it. mm is the address space the fault reached
 * (its lock is taken again for reading if fault_trace_look() ran), or NULL.
 */
static inline void fault_trace_end(struct fault_trace_probe *probe, struct mm_struct *mm,
				   unsigned long addr, unsigned int flags,
				   enum page_fault_retval r)
{
	if (probe->on)
		__fault_trace_end(probe, mm, addr, flags, r);
}

/* Print the records on the console (when init exits, before power-off). */
void fault_trace_dump(void);

#endif
