/*
 * The x86_64 trap machinery: the GDT (with the TSS), the IDT, and handle_trap(), which
 * entry.S calls with a struct pt_regs for every vector.
 */
#include <arch.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kernel/extable.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/uart16550.h>
#include <uapi/abi.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/sections.h>
#include "x86.h"

/* 64-bit TSS (SDM 3A, 8.7): only the stack pointers matter in long mode. */
struct tss {
	u32 reserved0;
	u64 rsp[3];       /* stacks for entering rings 0-2 from an outer ring */
	u64 reserved1;
	u64 ist[7];       /* Interrupt Stack Table: IDT entries can name one of these */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;   /* past the limit: no I/O permission bitmap */
} __packed;

/* An IDT gate descriptor (SDM 3A, 6.14.1, figure 6-8). */
struct idt_gate {
	u16 offset_low;
	u16 selector;     /* code segment to run the handler in */
	u8 ist;           /* bits 0-2: which IST stack, 0 = none */
	u8 type_attr;     /* P, DPL, type (0xe: interrupt gate, clears IF) */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

#define IST_DOUBLE_FAULT 1 /* #DF runs on its own stack: a stack overflow must not reset */
#define GATE_INTERRUPT   0x8e /* present, DPL 0, 64-bit interrupt gate */
#define GATE_USER        0xee /* the same, but user mode may `int` to it (int3) */

/*
 * Which vectors user mode may raise with `int n` (Intel SDM vol. 3A, 6.12.1.1: a gate
 * whose DPL is below the CPL makes `int n` raise #GP(n * 8 + 2)). As Linux without a
 * 32-bit ABI: int3 (#BP) and `int $4` (#OF, the overflow trap `into` raised in 32-bit
 * code) only. All others, the `int $0x80` of the 32-bit ABI included, have a DPL 0
 * gate or none at all, and #GP becomes SIGSEGV. `int1` (icebp) is the one `int` no DPL
 * stops: it raises #DB directly.
 */
static bool gate_for_user(int vector)
{
	return vector == X86_TRAP_BP || vector == X86_TRAP_OF;
}

static u64 gdt[GDT_ENTRIES] __aligned(16);
static struct tss tss __aligned(16);
static struct idt_gate idt[256] __aligned(16);
static u8 double_fault_stack[16384] __aligned(16);

extern const unsigned long trap_stub_table[48];
extern const unsigned long trap_stub_spurious;

struct __packed descriptor_pointer {
	u16 limit;
	u64 base;
};

void x86_tss_set_rsp0(unsigned long rsp0)
{
	tss.rsp[0] = rsp0;
}

static void set_gate(int vector, unsigned long handler, int ist)
{
	idt[vector] = (struct idt_gate){
		.offset_low = (u16)handler,
		.selector = KERNEL_CS,
		.ist = (u8)ist,
		.type_attr = gate_for_user(vector) ? GATE_USER : GATE_INTERRUPT,
		.offset_mid = (u16)(handler >> 16),
		.offset_high = (u32)(handler >> 32),
	};
}

static void gdt_init(void)
{
	unsigned long base = (unsigned long)&tss, limit = sizeof(tss) - 1;
	struct descriptor_pointer gdtr = { sizeof(gdt) - 1, (u64)gdt };

	gdt[GDT_ENTRY_KERNEL_CS] = 0x00af9a000000ffffUL; /* present, DPL 0, code, long mode */
	gdt[GDT_ENTRY_KERNEL_DS] = 0x00cf92000000ffffUL; /* present, DPL 0, data, writable */
	gdt[GDT_ENTRY_USER32_CS] = 0x00cffa000000ffffUL; /* DPL 3, 32-bit code (unused) */
	gdt[GDT_ENTRY_USER_DS] = 0x00cff2000000ffffUL;   /* DPL 3, data */
	gdt[GDT_ENTRY_USER_CS] = 0x00affa000000ffffUL;   /* DPL 3, code, long mode */
	/* The TSS descriptor is 16 bytes (SDM 3A, 8.2.3): type 9 = available 64-bit TSS. */
	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
			     (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_TSS + 1] = base >> 32;

	tss.ist[IST_DOUBLE_FAULT - 1] = (u64)(double_fault_stack + sizeof(double_fault_stack));
	tss.iomap_base = sizeof(tss);

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"           /* reload cs with a far return: */
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"                /* pops rip and cs */
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"ltr %w3"
		: : "m"(gdtr), "i"(KERNEL_CS), "i"(KERNEL_DS), "r"(TSS_SEL) : "rax", "memory");
}

static void idt_init(void)
{
	struct descriptor_pointer idtr = { sizeof(idt) - 1, (u64)idt };

	for (int v = 0; v < 48; v++)
		set_gate(v, trap_stub_table[v], v == X86_TRAP_DF ? IST_DOUBLE_FAULT : 0);
	set_gate(VECTOR_SPURIOUS, trap_stub_spurious, 0);
	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}

void arch_trap_init(void)
{
	gdt_init();
	idt_init();
	x86_syscall_init();
	x86_fpu_init();
}

static const char *const vector_names[32] = {
	"divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack-segment fault", "general protection fault", "page fault", "reserved (15)",
	"x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point exception", "virtualization exception",
	"control protection exception", "reserved (22)", "reserved (23)", "reserved (24)",
	"reserved (25)", "reserved (26)", "reserved (27)", "hypervisor injection exception",
	"VMM communication exception", "security exception", "reserved (31)",
};

const char *x86_vector_name(unsigned long vector)
{
	if (vector < 32)
		return vector_names[vector];
	if (vector == IRQ_TIMER)
		return "timer interrupt (IRQ 0)";
	if (vector < IRQ_BASE + 16)
		return "legacy PIC interrupt";
	return "unknown vector";
}

static void do_double_fault(struct pt_regs *regs)
{
	/* regs->rsp is where the stack was when it all went wrong. */
	/* Every kernel stack has bit KSTACK_SHIFT set, and its guard below has it clear. */
	if (!(regs->rsp & KSTACK_SIZE) && !user_mode(regs))
		printk("\nkernel stack overflow: sp %016lx is in the guard below its stack\n", regs->rsp);
	oops(regs, "double fault", regs->rsp);
}

/*
 * The si_code of an x87 (#MF) or SSE (#XM) exception: which unmasked exception fired,
 * read from the user's live FPU state, in Linux's order (fpu__exception_code()).
 */
static int fpu_exception_code(unsigned long vector)
{
	u32 status, mask;
	u16 fsw, fcw;

	if (vector == X86_TRAP_XM) {
		__asm__ __volatile__("stmxcsr %0" : "=m"(status));
		mask = status >> 7; /* the mask bits sit 7 above their flags */
	} else {
		__asm__ __volatile__("fnstsw %0\n\tfnstcw %1" : "=m"(fsw), "=m"(fcw));
		status = fsw;
		mask = fcw;
	}
	status &= ~mask & 0x3f;
	if (status & 0x01)
		return FPE_FLTINV;
	if (status & 0x04)
		return FPE_FLTDIV;
	if (status & 0x08)
		return FPE_FLTOVF;
	if (status & 0x12)
		return FPE_FLTUND;
	if (status & 0x20)
		return FPE_FLTRES;
	return 0;
}

/*
 * The causes of a #DB, as bits that are 1 when active: DR6 has some bits that read 1
 * when inactive, and the CPU never clears any of them (SDM 3B, 18.2.3). So read it, put
 * it back to its quiet value for the next #DB, and flip the active-low bits, as Linux's
 * debug_read_clear_dr6() does. 0 means nothing the debug registers know of: `int1`.
 */
static unsigned long read_clear_dr6(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%dr6, %0" : "=r"(v));
	__asm__ __volatile__("mov %0, %%dr6" : : "r"(DR6_RESERVED));
	return v ^ DR6_RESERVED;
}

void x86_trap_signal(struct pt_regs *regs, unsigned long trapno, unsigned long error, int sig,
		     int code, unsigned long addr, const char *what)
{
	current->thread.trap_nr = trapno;
	current->thread.error_code = error;
	current->thread.cr2 = addr;
	show_signal_msg(regs, sig, addr, error, what);
	if (code == SI_KERNEL)
		force_sig(sig);
	else
		force_sig_fault(sig, code, addr);
}

/*
 * An exception in user mode: the signal Linux sends for it (arch/x86/kernel/traps.c),
 * with the same si_code and si_addr. int3 and #GP come as SI_KERNEL with no address.
 */
static void do_user_exception(struct pt_regs *regs)
{
	unsigned long v = regs->vector, err = regs->error, ip = regs->rip;
	const char *what = x86_vector_name(v);

	switch (v) {
	case X86_TRAP_DE:
		x86_trap_signal(regs, v, err, SIGFPE, FPE_INTDIV, ip, what);
		break;
	case X86_TRAP_MF:
	case X86_TRAP_XM:
		x86_trap_signal(regs, v, err, SIGFPE, fpu_exception_code(v), ip, what);
		break;
	case X86_TRAP_DB:
		/* A single step (rflags.TF) is TRAP_TRACE; `int1` (icebp, opcode 0xf1, which
		 * no gate's DPL stops) is TRAP_BRKPT, both at rip, as Linux's exc_debug_user(). */
		x86_trap_signal(regs, v, err, SIGTRAP,
				read_clear_dr6() & DR6_BS ? TRAP_TRACE : TRAP_BRKPT, ip, what);
		break;
	case X86_TRAP_BP:
		x86_trap_signal(regs, v, err, SIGTRAP, SI_KERNEL, 0, what);
		break;
	case X86_TRAP_NP:
	case X86_TRAP_SS: /* a bad stack segment or pointer: Linux says SIGBUS */
		x86_trap_signal(regs, v, err, SIGBUS, SI_KERNEL, 0, what);
		break;
	case X86_TRAP_UD:
		x86_trap_signal(regs, v, err, SIGILL, ILL_ILLOPN, ip, what);
		break;
	case X86_TRAP_AC:
		x86_trap_signal(regs, v, err, SIGBUS, BUS_ADRALN, ip, what);
		break;
	default: /* #GP (a non-canonical address, a privileged instruction), #SS, ... */
		x86_trap_signal(regs, v, err, SIGSEGV, SI_KERNEL, 0, what);
		break;
	}
}

/* True if va is canonical: bits 63-47 all equal (Intel SDM vol. 1, 3.3.7.1). */
static bool canonical(unsigned long va)
{
	return (unsigned long)((long)(va << 16) >> 16) == va;
}

/*
 * The last step before entry.S's iretq to user mode: signals, rescheduling, and one
 * check. iretq to a non-canonical rip raises #GP at the iretq itself, in the kernel, on
 * Intel CPUs (SDM vol. 2A, IRET: "#GP(0) if the return instruction pointer is
 * non-canonical"); AMD CPUs and QEMU take the fault at the fetch, in user mode. Such a
 * rip can only come from the program (a handler's address; sigreturn refuses them), so
 * make it the program's #GP on every CPU, before the iretq: SIGSEGV SI_KERNEL, as the
 * fetch would give. If that signal's own handler is no better, the program dies of
 * SIGSEGV, as when a signal frame cannot be written.
 */
static void return_to_user(struct pt_regs *regs)
{
	exit_to_user_mode(regs);
	if (canonical(regs->rip))
		return;
	x86_trap_signal(regs, X86_TRAP_GP, 0, SIGSEGV, SI_KERNEL, 0, "general protection fault");
	exit_to_user_mode(regs);
	if (canonical(regs->rip))
		return;
	current->sighand->action[SIGSEGV - 1].sa_handler = SIG_DFL;
	force_sig(SIGSEGV);
	exit_to_user_mode(regs); /* does not return: the default action kills */
}

void handle_trap(struct pt_regs *regs)
{
	if (regs->vector == X86_SYSCALL_VECTOR) {
		x86_do_syscall(regs);
		return_to_user(regs);
		return;
	}
	if (user_mode(regs) && regs->vector < 32 && regs->vector != X86_TRAP_PF) {
		do_user_exception(regs);
		return_to_user(regs);
		return;
	}
	switch (regs->vector) {
	case X86_TRAP_PF:
		do_page_fault(regs);
		if (user_mode(regs))
			return_to_user(regs);
		return;
	case X86_TRAP_DF:
		do_double_fault(regs);
		return;
	case X86_TRAP_GP:
	case X86_TRAP_SS:
		/* A non-canonical pointer gives #GP, not #PF: same fixup rules apply. */
		if (!user_mode(regs) && fixup_exception(regs))
			return;
		break;
	case IRQ_TIMER:
		x86_timer_interrupt();
		if (user_mode(regs))
			return_to_user(regs);
		return;
	case IRQ_COM1:
		uart16550_interrupt();
		x86_pic_eoi(4);
		if (user_mode(regs))
			return_to_user(regs);
		return;
	case IRQ_SPURIOUS_MASTER:
	case IRQ_SPURIOUS_SLAVE:
		if (x86_pic_spurious(regs->vector - IRQ_BASE))
			return;
		break;
	case VECTOR_SPURIOUS:
		return;
	default:
		break;
	}
	if (regs->vector >= IRQ_BASE) {
		if (user_mode(regs))
			return_to_user(regs);
		return;
	}
	oops(regs, x86_vector_name(regs->vector), regs->vector == X86_TRAP_GP ? regs->error : 0);
}

void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}
