/*
 * The C side of a trap: entry.S saved the registers in a struct pt_regs and calls
 * do_trap(). Interrupts go to their handlers; exceptions in kernel mode are either
 * fixed up through the exception table or end in an oops.
 */
#include <arch.h>
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <kernel/extable.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <mm/fault.h>
#include <mm/mm.h>
#include <mm/oom_kill.h>
#include <uapi/abi.h>
#include "riscv.h"

/* scause exception codes by name (privileged spec, table 4.2). */
static const char *const exception_names[] = {
	[EXC_INST_MISALIGNED] = "instruction address misaligned",
	[EXC_INST_ACCESS] = "instruction access fault",
	[EXC_ILLEGAL_INST] = "illegal instruction",
	[EXC_BREAKPOINT] = "breakpoint",
	[EXC_LOAD_MISALIGNED] = "load address misaligned",
	[EXC_LOAD_ACCESS] = "load access fault",
	[EXC_STORE_MISALIGNED] = "store/AMO address misaligned",
	[EXC_STORE_ACCESS] = "store/AMO access fault",
	[EXC_ECALL_U] = "environment call from U-mode",
	[EXC_ECALL_S] = "environment call from S-mode",
	[EXC_INST_PAGE_FAULT] = "instruction page fault",
	[EXC_LOAD_PAGE_FAULT] = "load page fault",
	[EXC_STORE_PAGE_FAULT] = "store/AMO page fault",
};

/* Names for scause values, interrupts included (see riscv.h). */
const char *riscv_cause_name(unsigned long cause)
{
	if (cause & CAUSE_INTERRUPT) {
		switch (cause & ~CAUSE_INTERRUPT) {
		case IRQ_S_SOFT: return "supervisor software interrupt";
		case IRQ_S_TIMER: return "supervisor timer interrupt";
		case IRQ_S_EXT: return "supervisor external interrupt";
		default: return "unknown interrupt";
		}
	}
	if (cause < ARRAY_SIZE(exception_names) && exception_names[cause])
		return exception_names[cause];
	return "unknown exception";
}

/*
 * A kernel-mode fault: is the faulting instruction allowed to fault? For a fetch fault
 * the pc is the bad target, so arch_exec_probe() is found by its return address (ra).
 */
static bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e;

	if (regs->cause == EXC_INST_PAGE_FAULT || regs->cause == EXC_INST_ACCESS) {
		e = search_exception_tables(regs->ra);
		if (e && e->type == EX_TYPE_EXEC_PROBE) {
			regs->epc = e->fixup;
			return true;
		}
		return false;
	}
	e = search_exception_tables(regs->epc);
	if (e && e->type == EX_TYPE_FIXUP) {
		regs->epc = e->fixup;
		return true;
	}
	return false;
}

static void do_interrupt(struct pt_regs *regs)
{
	switch (regs->cause & ~CAUSE_INTERRUPT) {
	case IRQ_S_TIMER:
		riscv_timer_interrupt();
		break;
	case IRQ_S_EXT:
		riscv_external_interrupt();
		break;
	default:
		oops(regs, riscv_cause_name(regs->cause), regs->badaddr);
	}
}

/* A kernel-mode fault the core did not resolve: the exception table, or an oops. */
static void kernel_fault(struct pt_regs *regs)
{
	if (!fixup_exception(regs))
		oops(regs, riscv_cause_name(regs->cause), regs->badaddr);
}

/*
 * A page fault (scause 12 fetch, 13 load, 15 store; privileged spec 4.1.9): decode it
 * into an address and FAULT_FLAG_*, let the generic core decide, and act on the decision.
 */
static void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr, cause = regs->cause;
	unsigned int flags = FAULT_FLAG_DEFAULT;
	enum page_fault_retval r;

	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (cause == EXC_STORE_PAGE_FAULT)
		flags |= FAULT_FLAG_WRITE;
	else if (cause == EXC_INST_PAGE_FAULT)
		flags |= FAULT_FLAG_INSTRUCTION;

	r = generic_page_fault(regs, addr, flags);
	switch (r) {
	case PF_RET_DONE:
	case PF_RET_SIGNAL:
		break;
	case PF_RET_BAD_AREA:
	case PF_RET_ACCESS_ERR:
		if (!user_mode(regs)) {
			kernel_fault(regs);
			break;
		}
		user_fault(regs, SIGSEGV, r == PF_RET_BAD_AREA ? SEGV_MAPERR : SEGV_ACCERR,
			   addr, cause, cause, "segfault");
		break;
	case PF_RET_KERN_FIXUP:
		kernel_fault(regs);
		break;
	case PF_RET_SIGBUS:
		user_fault(regs, SIGBUS, BUS_ADRERR, addr, cause, cause, "bus error");
		break;
	case PF_RET_HWPOISON:
		user_fault(regs, SIGBUS, BUS_MCEERR_AR, addr, cause, cause, "memory error");
		break;
	case PF_RET_OOM:
		pagefault_out_of_memory();
		break;
	}
}

/* ecall from U-mode: a7 = number, a0-a5 = arguments, result in a0 (Linux's ABI). */
static void do_syscall(struct pt_regs *regs)
{
	regs->epc += 4;          /* return past the ecall */
	regs->orig_a0 = regs->a0; /* a0 becomes the result; a restart needs the argument */
	arch_irq_enable();
	regs->a0 = (unsigned long)syscall_dispatch(regs->a7, regs->a0, regs->a1, regs->a2,
						   regs->a3, regs->a4, regs->a5);
	arch_irq_disable();
}

/*
 * An exception in user mode: a system call, or the signal Linux sends for it
 * (arch/riscv/kernel/traps.c and mm/fault.c): the same signal, si_code and si_addr.
 */
static void do_user_exception(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;

	switch (cause) {
	case EXC_ECALL_U:
		do_syscall(regs);
		break;
	case EXC_INST_PAGE_FAULT:
	case EXC_LOAD_PAGE_FAULT:
	case EXC_STORE_PAGE_FAULT:
		do_page_fault(regs);
		break;
	case EXC_INST_ACCESS:
	case EXC_LOAD_ACCESS:
	case EXC_STORE_ACCESS:
		user_fault(regs, SIGSEGV, SEGV_ACCERR, regs->epc, cause, cause, "access fault");
		break;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		user_fault(regs, SIGBUS, BUS_ADRALN, regs->epc, cause, cause, "bus error");
		break;
	case EXC_ILLEGAL_INST:
		user_fault(regs, SIGILL, ILL_ILLOPC, regs->epc, cause, cause, "illegal instruction");
		break;
	case EXC_BREAKPOINT:
		user_fault(regs, SIGTRAP, TRAP_BRKPT, regs->epc, cause, cause, "breakpoint");
		break;
	default:
		user_fault(regs, SIGSEGV, SI_KERNEL, 0, cause, cause, riscv_cause_name(cause));
		break;
	}
}

void do_trap(struct pt_regs *regs)
{
	if (regs->cause & CAUSE_INTERRUPT) {
		do_interrupt(regs);
		if (user_mode(regs))
			exit_to_user_mode(regs);
		return;
	}
	if (user_mode(regs)) {
		do_user_exception(regs);
		exit_to_user_mode(regs);
		return;
	}
	switch (regs->cause) {
	case EXC_INST_PAGE_FAULT:
	case EXC_LOAD_PAGE_FAULT:
	case EXC_STORE_PAGE_FAULT:
		do_page_fault(regs);
		return;
	case EXC_INST_ACCESS:
	case EXC_LOAD_ACCESS:
	case EXC_STORE_ACCESS:
		if (fixup_exception(regs))
			return;
		break;
	default:
		break;
	}
	oops(regs, riscv_cause_name(regs->cause), regs->badaddr);
}

/* Called by entry.S on its own stack when a kernel trap found sp in a stack's guard. */
void handle_kernel_stack_overflow(struct pt_regs *regs)
{
	printk("\nkernel stack overflow: sp %016lx is in the guard below its stack\n", regs->sp);
	oops(regs, riscv_cause_name(regs->cause), regs->badaddr);
}

extern char trap_entry[];

void arch_trap_init(void)
{
	csr_write(stvec, (unsigned long)trap_entry); /* direct mode: every trap at trap_entry */
	csr_write(sscratch, 0);
}

void arch_irq_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

void arch_irq_disable(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

unsigned long arch_irq_save(void)
{
	return csr_read_clear(sstatus, SSTATUS_SIE) & SSTATUS_SIE;
}

void arch_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SSTATUS_SIE);
}

void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("wfi");
}
