/*
 * The x86_64 page-fault decode: read CR2 and the error code, turn them into FAULT_FLAG_*
 * and call the generic core (mm/fault.c), which decides and reacts. Also the arch's hooks
 * for the core: the exec probe's caller for fixup_exception(), the oops report, and the
 * signal frame's trapno/err/cr2.
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
		 error & X86_PF_PROT ? "protection violation" : "page not present",
		 error & X86_PF_INSTR ? "instruction fetch" : error & X86_PF_WRITE ? "write" : "read",
		 error & X86_PF_USER ? "user" : "kernel",
		 error & X86_PF_RSVD ? ", reserved bit set" : "",
		 error & X86_PF_PK ? ", protection key" : "");
}

/*
 * fixup_exception()'s hooks (kernel/extable.h). A fetch fault's rip is the bad target;
 * the call that jumped there left its return address on the stack.
 */
bool arch_fetch_fault_return_address(const struct pt_regs *regs, unsigned long *ret_addr)
{
	if (regs->vector != X86_TRAP_PF || !(regs->error & X86_PF_INSTR))
		return false;
	/* rsp itself may be bad: then there is no call to undo, and the kernel oopses. */
	return get_kernel_nofault(*ret_addr, (unsigned long *)regs->rsp) == 0;
}

void arch_return_from_call(struct pt_regs *regs, unsigned long fixup)
{
	regs->rsp += 8; /* pop the return address of the failed call */
	regs->rip = fixup;
}

/* The trap half's hook for a kernel bug: the error code in words, then the oops. */
void page_fault_oops(struct pt_regs *regs, unsigned long addr)
{
	char why[96];

	x86_pf_error_describe(regs->error, why, sizeof(why));
	printk("\n#PF: error code %#04lx: %s\n", regs->error, why);
	oops(regs, "page fault", addr);
}

/*
 * The trap half's hook before a user fault's signal: what the signal frame's sigcontext
 * reports (trapno 14, err, cr2), as Linux's set_signal_archinfo(). Like Linux, a fault on
 * a kernel address is reported as a protection violation: the kernel's layout stays
 * hidden (a program cannot tell mapped kernel pages from holes).
 */
unsigned long set_signal_archinfo(struct pt_regs *regs, unsigned long addr)
{
	unsigned long error = regs->error;

	if (addr >= TASK_SIZE)
		error |= X86_PF_PROT;
	current->thread.trap_nr = X86_TRAP_PF;
	current->thread.error_code = error;
	current->thread.cr2 = addr;
	return error;
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
static void implicit_supervisor_fault(struct pt_regs *regs, unsigned long addr)
{
	x86_trap_signal(regs, X86_TRAP_PF, regs->error, SIGKILL, SI_KERNEL, addr,
			"implicit supervisor access");
}

/*
 * The decode of a #PF's error code (Intel SDM vol. 3A, 4.7, figure 4-12) into the fault
 * core's flags:
 *
 *   error code bit   meaning (set / clear)                FAULT_FLAG_*
 *   0 P              protection violation / not present   (none: the PTE says)
 *   1 W/R            write / read                         WRITE
 *   2 U/S            from CPL 3 / from the kernel         (none: USER comes from cs)
 *   3 RSVD           a reserved bit set in an entry       (none: the caller oopses first)
 *   4 I/D            instruction fetch                    INSTRUCTION
 *   5 PK             protection key                       (none: unused)
 *
 * and the saved cs: its low two bits are the CPL the fault came from (SDM 3A, 5.5), 3 for
 * user mode, which is FAULT_FLAG_USER. (U/S says who made the access, not who ran: an
 * implicit supervisor access from user mode has it clear; the caller handles that case.)
 * Returns FAULT_FLAG_DEFAULT with those flags added. The address is CR2, read by the
 * caller.
 */
unsigned int x86_pf_flags(unsigned long error, unsigned long cs)
{
	unsigned int flags = FAULT_FLAG_DEFAULT;

	/* LAB traps: begin */
	if ((cs & 3) == 3)
		flags |= FAULT_FLAG_USER;
	if (error & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (error & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
#if 0 /* LAB traps: student */
	/*
	 * TODO(traps): decode the error code and cs into FAULT_FLAG_USER, FAULT_FLAG_WRITE
	 * and FAULT_FLAG_INSTRUCTION as the table above says.
	 *
	 * What is here is a partial decode, only what the kernel needs to boot and run its
	 * own self-tests: USER (else every user fault would look like a kernel bug), WRITE
	 * (else no page would ever become writable) and INSTRUCTION for the kernel's own
	 * fetch faults (exec's probe, which the W^X self-tests use). A user program's fetch
	 * passes for a read: its jump into a readable page that may not execute is
	 * "resolved" again and again, never a SIGSEGV.
	 */
	if ((cs & 3) == 3)
		flags |= FAULT_FLAG_USER;
	if (error & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if ((error & X86_PF_INSTR) && (cs & 3) == 0)
		flags |= FAULT_FLAG_INSTRUCTION;
#endif /* LAB traps: end */
	return flags;
}

/*
 * #PF (Intel SDM vol. 3A, 4.7): CR2 holds the address, the error code says how the
 * access went wrong. Two cases are never the program's fault to resolve (a corrupt table,
 * an implicit supervisor access under SMAP); the rest is decoded into FAULT_FLAG_* by
 * x86_pf_flags() and handed over to the core, which decides and reacts (mm/fault.c).
 */
void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2(); /* first: a nested fault would overwrite it */
	unsigned long err = regs->error;

	x86_last_page_fault.addr = addr;
	x86_last_page_fault.error = err;
	x86_last_page_fault.count++;
	if (err & X86_PF_RSVD) { /* a corrupt page table: never the program's fault */
		if (!fixup_exception(regs))
			page_fault_oops(regs, addr);
		return;
	}
	if (user_mode(regs) && !(err & X86_PF_USER) && x86_smap_enabled) {
		implicit_supervisor_fault(regs, addr);
		return;
	}
	generic_page_fault(regs, addr, x86_pf_flags(err, regs->cs));
}
