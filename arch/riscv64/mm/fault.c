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
 * A page fault (RISC-V privileged spec, 4.1.9 and table 4.2): decode it into an address
 * and FAULT_FLAG_* and hand over to the core.
 *
 *   scause  meaning                   FAULT_FLAG_*
 *   12      instruction page fault    INSTRUCTION
 *   13      load page fault           (a read)
 *   15      store/AMO page fault      WRITE
 *   stval   the faulting address      (addr)
 *   sstatus.SPP = 0: from U-mode      USER
 */
void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr, cause = regs->cause;
	unsigned int flags = FAULT_FLAG_DEFAULT;

	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (cause == EXC_STORE_PAGE_FAULT)
		flags |= FAULT_FLAG_WRITE;
	else if (cause == EXC_INST_PAGE_FAULT)
		flags |= FAULT_FLAG_INSTRUCTION;
	generic_page_fault(regs, addr, flags);
}
