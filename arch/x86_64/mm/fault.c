/*
 * The x86_64 page-fault entry: read CR2 and the error code, turn them into FAULT_FLAG_*,
 * let the generic core (mm/fault.c) decide, and act on its decision. Also the exception
 * table fixups, which x86 needs for its exec probe (keyed by the return address).
 */
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <kernel/extable.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/uaccess.h>
#include <mm/fault.h>
#include <mm/mm.h>
#include <mm/oom_kill.h>
#include <uapi/abi.h>
#include <lib/printf.h>
#include "../kernel/x86.h"

struct x86_fault_record x86_last_page_fault;

void x86_pf_error_describe(unsigned long error, char *buf, size_t size)
{
	snprintf(buf, size, "%s, %s, %s mode%s%s",
		 error & PF_PROT ? "protection violation" : "page not present",
		 error & PF_INSTR ? "instruction fetch" : error & PF_WRITE ? "write" : "read",
		 error & PF_USER ? "user" : "kernel",
		 error & PF_RSVD ? ", reserved bit set" : "",
		 error & PF_PK ? ", protection key" : "");
}

/*
 * Is the faulting kernel instruction allowed to fault? A fetch fault's rip is the bad
 * target itself, so arch_exec_probe() is found by the return address its call pushed.
 */
bool x86_fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e;

	if (regs->vector == X86_TRAP_PF && (regs->error & PF_INSTR)) {
		unsigned long ret_addr;

		if (get_kernel_nofault(ret_addr, (unsigned long *)regs->rsp))
			return false; /* rsp itself is bad: no call to undo */
		e = search_exception_tables(ret_addr);
		if (e && e->type == EX_TYPE_EXEC_PROBE) {
			regs->rsp += 8; /* pop the return address of the failed call */
			regs->rip = e->fixup;
			return true;
		}
		return false;
	}
	e = search_exception_tables(regs->rip);
	if (e && e->type == EX_TYPE_FIXUP) {
		regs->rip = e->fixup;
		return true;
	}
	return false;
}

/* A kernel-mode fault the core did not resolve: the exception table, or an oops. */
static void kernel_fault(struct pt_regs *regs, unsigned long addr)
{
	char why[96];

	if (x86_fixup_exception(regs))
		return;
	x86_pf_error_describe(regs->error, why, sizeof(why));
	printk("\n#PF: error code %#04lx: %s\n", regs->error, why);
	oops(regs, "page fault", addr);
}

/*
 * A user-mode instruction faulted on an access the CPU made as the supervisor (the U/S
 * bit of the error code is clear): an implicit supervisor-mode access (SDM 3A, 4.6), such
 * as a read of the GDT, or, under QEMU 7.2, the stack reads and writes of a user-mode
 * far return, iretq or far call. With SMAP on, such an access to a user page faults
 * whatever the page and rflags.AC are (SDM 3A, 4.6.1), so mapping the page cannot help:
 * the core would call the fault resolved and the instruction would fault again, forever.
 * Linux oopses and kills the task with SIGKILL (page_fault_oops() for user-mode
 * registers); Faultline kills it the same way, with the one-line report of a fault, and
 * runs on. (Linux takes this path only with rflags.AC clear; with AC set it loops.)
 */
static void implicit_supervisor_fault(struct pt_regs *regs, unsigned long addr,
				      unsigned long err)
{
	user_fault(regs, SIGKILL, SI_KERNEL, addr, X86_TRAP_PF, err,
		   "implicit supervisor access");
}

/*
 * #PF (Intel SDM vol. 3A, 4.7): CR2 holds the address, the error code says how the
 * access went wrong. Decode both into FAULT_FLAG_*, let the generic core decide, and act
 * on the decision.
 */
void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2(); /* first: a nested fault would overwrite it */
	unsigned long err = regs->error;
	unsigned int flags = FAULT_FLAG_DEFAULT;
	enum page_fault_retval r;

	x86_last_page_fault.addr = addr;
	x86_last_page_fault.error = err;
	x86_last_page_fault.count++;
	if (err & PF_RSVD) { /* a corrupt page table: never the program's fault */
		kernel_fault(regs, addr);
		return;
	}
	if (user_mode(regs) && !(err & PF_USER) && x86_smap_enabled) {
		implicit_supervisor_fault(regs, addr, err);
		return;
	}
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (err & PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (err & PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;

	r = generic_page_fault(regs, addr, flags);
	switch (r) {
	case PF_RET_DONE:
	case PF_RET_SIGNAL:
		break;
	case PF_RET_BAD_AREA:
	case PF_RET_ACCESS_ERR:
		if (!user_mode(regs)) {
			kernel_fault(regs, addr);
			break;
		}
		/* Like Linux, report a kernel address as present: the layout stays hidden. */
		if (addr >= USER_TOP)
			err |= PF_PROT;
		user_fault(regs, SIGSEGV, r == PF_RET_BAD_AREA ? SEGV_MAPERR : SEGV_ACCERR,
			   addr, X86_TRAP_PF, err, "segfault");
		break;
	case PF_RET_KERN_FIXUP:
		kernel_fault(regs, addr);
		break;
	case PF_RET_SIGBUS:
		user_fault(regs, SIGBUS, BUS_ADRERR, addr, X86_TRAP_PF, err, "bus error");
		break;
	case PF_RET_HWPOISON:
		user_fault(regs, SIGBUS, BUS_MCEERR_AR, addr, X86_TRAP_PF, err, "memory error");
		break;
	case PF_RET_OOM:
		pagefault_out_of_memory();
		break;
	}
}
