/*
 * The fault trace: one line per page fault the trap half (generic_page_fault(),
 * mm/fault.c) handled, for pictures of what a program's faults did (tools/faultplot.py,
 * docs/fault-pictures.md).
 *
 * Off unless the command line says `fault_trace` (room for FAULT_TRACE_DEFAULT records)
 * or `fault_trace=N` (room for N). When on, every fault is recorded until the room is
 * full (later faults are counted as dropped); /proc/fault_trace shows the records so far
 * (kernel/proc_fault_trace.c), and they are printed on the console when init exits,
 * between a `fault_trace: begin` and a `fault_trace: end` line.
 *
 * Each record says who faulted (pid, name), where (address, and the access: read, write
 * or fetch, from user or kernel mode), what the address was (the VMA's kind), what the
 * fault did (its outcome, seen by comparing the page-table entry before and after), how
 * many times it was retried, and what it cost: the instructions the CPU retired while
 * the lock half, fault_in_mm(), ran (arch_instruction_counter()), which is an
 * instruction count only when QEMU runs with `-icount shift=0,sleep=off`.
 *
 * Only the trap half is traced: GUP's and exec's faults (mm/gup.c) are not.
 * When the trace is off, a fault pays one test of fault_trace_enabled.
 */
#ifndef MM_FAULT_TRACE_H
#define MM_FAULT_TRACE_H

#include <mm/fault.h>
#include <types.h>

#define FAULT_TRACE_DEFAULT 4096 /* records kept for a bare `fault_trace` */

struct mm_struct;

extern bool fault_trace_enabled; /* `fault_trace` was on the command line */

/* Read the command line; with the trace on, allocate its records. */
void fault_trace_init(void);

/*
 * Step 2 of generic_page_fault() with the trace on: fault_in_mm(mm, addr, flags) for a
 * caller that does not hold mm's lock, the lock released on return, and the fault
 * recorded. Returns fault_in_mm()'s decision. (Only here is the trace more than one
 * test of fault_trace_enabled: the fault path itself stays as it is.)
 */
enum page_fault_retval fault_in_mm_traced(struct mm_struct *mm, unsigned long addr,
					  unsigned int flags);

void __fault_trace_bad_area(unsigned long addr, unsigned int flags);

/* A fault the trap half refused before the address space (a kernel address, no mm). */
static inline void fault_trace_bad_area(unsigned long addr, unsigned int flags)
{
	if (fault_trace_enabled)
		__fault_trace_bad_area(addr, flags);
}

/* Print the records on the console (when init exits, before power-off). */
void fault_trace_dump(void);

#define FAULT_TRACE_LINE_MAX 128 /* a record's line, with room to spare */
/* The line naming the columns of a record's line. */
extern const char fault_trace_header[];
/* Format record i into buf (no newline); false if there is no record i (yet). */
bool fault_trace_line(unsigned long i, char *buf, size_t size);

#endif
