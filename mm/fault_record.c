/*
 * The last fault trap, for a debugger: see fault_record.h.
 */
#include <asm/ptrace.h>
#include <lib/string.h>
#include <mm/fault_record.h>

struct fault_record last_fault;

void record_last_fault(const struct pt_regs *regs, unsigned long addr, unsigned int flags,
		       enum page_fault_retval r)
{
	last_fault.nr++;
	last_fault.pid = current->pid;
	memcpy(last_fault.name, current->name, sizeof(last_fault.name));
	last_fault.addr = addr;
	last_fault.ip = instruction_pointer(regs);
	last_fault.flags = flags;
	last_fault.decision = r;
}
