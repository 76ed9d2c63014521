/*
 * The riscv64 page-fault decode: scause says which kind of access faulted and stval the
 * address; turn them into FAULT_FLAG_* and call the generic core (mm/fault.c), which
 * decides and reacts. Also the arch's hooks for the core: the exec probe's caller for
 * fixup_exception(), the oops report, and the signal's cause.
 */
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <kernel/extable.h>
#include <kernel/panic.h>
#include <kernel/task.h>
#include <mm/fault.h>
#include "../kernel/riscv.h"

/* fixup_exception()'s hooks (kernel/extable.h): a fetch fault's caller is in ra. */
bool arch_fetch_fault_return_address(const struct pt_regs *regs, unsigned long *ret_addr)
{
	if (regs->cause != EXC_INST_PAGE_FAULT && regs->cause != EXC_INST_ACCESS)
		return false;
	*ret_addr = regs->ra;
	return true;
}

void arch_return_from_call(struct pt_regs *regs, unsigned long fixup)
{
	regs->epc = fixup; /* the return address stays in ra: nothing to pop */
}

/* The trap half's hook for a kernel bug: scause in words, then the oops. */
void page_fault_oops(struct pt_regs *regs, unsigned long addr)
{
	oops(regs, riscv_cause_name(regs->cause), addr);
}

/*
 * The trap half's hook before a user fault's signal. The riscv64 signal frame has no
 * trap fields; the cause is kept as Linux's thread.bad_cause is, and printed as the
 * one-line report's error code (12 fetch, 13 load, 15 store).
 */
unsigned long set_signal_archinfo(struct pt_regs *regs, unsigned long addr)
{
	(void)addr;
	current->thread.bad_cause = regs->cause;
	return regs->cause;
}

/*
 * The decode of a page fault (RISC-V privileged spec, 4.1.9 and table 4.2) into the
 * fault core's flags, from the two CSRs the trap saved:
 *
 *   scause  meaning                   FAULT_FLAG_*
 *   12      instruction page fault    INSTRUCTION
 *   13      load page fault           (a read: no flag)
 *   15      store/AMO page fault      WRITE
 *   sstatus.SPP = 0: from U-mode      USER (4.1.1: SPP is the mode the trap came from)
 *
 * Returns FAULT_FLAG_DEFAULT with those flags added. scause is one of the three page
 * fault codes (the trap entry sends no other here). The address is stval, read by the
 * caller: riscv64 has no page-fault error code, so nothing says whether the page was
 * absent or the access forbidden; the core finds out from the PTE and the VMA.
 */
unsigned int riscv_fault_flags(unsigned long scause, unsigned long sstatus)
{
	unsigned int flags = FAULT_FLAG_DEFAULT;

	/* LAB traps: begin */
	if (!(sstatus & SSTATUS_SPP))
		flags |= FAULT_FLAG_USER;
	if (scause == EXC_STORE_PAGE_FAULT)
		flags |= FAULT_FLAG_WRITE;
	else if (scause == EXC_INST_PAGE_FAULT)
		flags |= FAULT_FLAG_INSTRUCTION;
#if 0 /* LAB traps: student */
	/*
	 * TODO(traps): decode scause and sstatus.SPP into FAULT_FLAG_USER, FAULT_FLAG_WRITE
	 * and FAULT_FLAG_INSTRUCTION as the table above says.
	 *
	 * What is here is a partial decode, only what the kernel needs to boot and run its
	 * own self-tests: USER (else every user fault would look like a kernel bug), WRITE
	 * (else no page would ever become writable) and INSTRUCTION for the kernel's own
	 * fetch faults (exec's probe, which the W^X self-tests use). A user program's fetch
	 * passes for a read: its jump into a readable page that may not execute is
	 * "resolved" again and again, never a SIGSEGV.
	 */
	if (!(sstatus & SSTATUS_SPP))
		flags |= FAULT_FLAG_USER;
	if (scause == EXC_STORE_PAGE_FAULT)
		flags |= FAULT_FLAG_WRITE;
	else if (scause == EXC_INST_PAGE_FAULT && (sstatus & SSTATUS_SPP))
		flags |= FAULT_FLAG_INSTRUCTION;
#endif /* LAB traps: end */
	return flags;
}

/* A page fault: decode it into an address (stval) and FAULT_FLAG_*, then the core. */
void do_page_fault(struct pt_regs *regs)
{
	generic_page_fault(regs, regs->badaddr, riscv_fault_flags(regs->cause, regs->status));
}
