/*
 * The last fault trap, kept for a debugger (tools/gdb/faultline.py: `fl-lastfault`).
 *
 * generic_page_fault() (mm/fault.c) fills it in once it has decided, so after any fault,
 * stopped anywhere, gdb can say which task faulted, where, with what flags and how it
 * ended. It is only written, never read by the kernel: one CPU, interrupts off during a
 * fault (docs/fault-path.md), so a reader stopped in gdb never sees half a record.
 */
#ifndef MM_FAULT_RECORD_H
#define MM_FAULT_RECORD_H

#include <kernel/task.h>
#include <mm/fault.h>

struct fault_record {
	unsigned long nr;          /* faults recorded so far: this one is number nr */
	int pid;                   /* the faulting task's pid */
	char name[TASK_NAME_LEN];  /* and its name, copied: the task may be gone by now */
	unsigned long addr;        /* the faulting address */
	unsigned long ip;          /* the faulting instruction */
	unsigned int flags;        /* FAULT_FLAG_*, as the trap half used them */
	enum page_fault_retval decision; /* the decision the trap half reacts to (a kernel-mode
					    fault not PF_RET_DONE then takes the fixup) */
};

extern struct fault_record last_fault;

/* Record a fault trap of current's that generic_page_fault() decided as r. */
void record_last_fault(const struct pt_regs *regs, unsigned long addr, unsigned int flags,
		       enum page_fault_retval r);

#endif
