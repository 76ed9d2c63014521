/*
 * The C side of a trap: entry.S saved the registers in a struct pt_regs and calls
 * handle_trap(). Interrupts go to their handlers; exceptions in kernel mode are either
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

/*
 * The signal for a user-mode exception (Linux's do_trap_error()): keep the cause, print
 * the one-line report if the signal will kill, and force sig with code and addr
 * (SI_KERNEL: no address).
 */
static void do_trap_error(struct pt_regs *regs, int sig, int code, unsigned long addr,
			  const char *what)
{
	current->thread.bad_cause = regs->cause;
	show_signal_msg(regs, sig, addr, regs->cause, what);
	if (code == SI_KERNEL)
		force_sig(sig);
	else
		force_sig_fault(sig, code, addr);
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
		do_trap_error(regs, SIGSEGV, SEGV_ACCERR, regs->epc, "access fault");
		break;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		do_trap_error(regs, SIGBUS, BUS_ADRALN, regs->epc, "bus error");
		break;
	case EXC_ILLEGAL_INST:
		do_trap_error(regs, SIGILL, ILL_ILLOPC, regs->epc, "illegal instruction");
		break;
	case EXC_BREAKPOINT:
		do_trap_error(regs, SIGTRAP, TRAP_BRKPT, regs->epc, "breakpoint");
		break;
	default:
		do_trap_error(regs, SIGSEGV, SI_KERNEL, 0, riscv_cause_name(cause));
		break;
	}
}

void handle_trap(struct pt_regs *regs)
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

void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("wfi");
}
