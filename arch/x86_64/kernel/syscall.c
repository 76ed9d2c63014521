/*
 * The x86_64 system-call entry. `syscall` (Intel SDM vol. 2B) jumps to MSR_LSTAR in ring
 * 0 with rcx = the user's rip, r11 = the user's rflags, and the rflags bits in MSR_FMASK
 * cleared; it does NOT switch stacks. syscall_entry (entry.S) therefore loads the kernel
 * stack from x86_syscall_kernel_rsp itself, builds the same struct pt_regs as a trap
 * (vector X86_SYSCALL_VECTOR) and joins common_trap; handle_trap() sends it here. The way
 * back is the ordinary iretq, which is slower than sysret but has no corner cases.
 */
#include <arch.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kernel/syscall.h>
#include "x86.h"

/* Read by syscall_entry (one CPU): the current task's kernel stack top, and a scratch slot. */
unsigned long x86_syscall_kernel_rsp;
unsigned long x86_syscall_user_rsp;

extern char syscall_entry[];
extern char syscall32_ignore[];

void x86_set_kernel_stack(unsigned long top)
{
	x86_tss_set_rsp0(top);
	x86_syscall_kernel_rsp = top;
}

void x86_syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* STAR[47:32]: syscall loads cs = KERNEL_CS, ss = KERNEL_CS + 8. STAR[63:48] is
	 * sysret's base (USER32_CS): we return with iretq, but keep Linux's layout. */
	wrmsr(MSR_STAR, ((u64)(GDT_ENTRY_USER32_CS * 8 | 3) << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	/*
	 * Faultline has no 32-bit system-call ABI (Linux without CONFIG_IA32_EMULATION), but
	 * a program can still far-jump into the 32-bit user code segment and execute
	 * `syscall` there (AMD CPUs and QEMU allow it): the CPU then enters ring 0 at
	 * MSR_CSTAR, still on the user's stack. Point it at a stub that only answers -ENOSYS.
	 * `sysenter` from either mode goes through MSR_IA32_SYSENTER_CS: a null selector
	 * there makes it raise #GP (SDM 2B, SYSENTER), which becomes SIGSEGV; AMD CPUs raise
	 * #UD for it in long mode anyway (SIGILL). `int $0x80` has no gate (trap.c).
	 */
	wrmsr(MSR_CSTAR, (u64)syscall32_ignore);
	wrmsr(MSR_IA32_SYSENTER_CS, 0);
	wrmsr(MSR_IA32_SYSENTER_ESP, 0);
	wrmsr(MSR_IA32_SYSENTER_EIP, 0);
	/*
	 * `syscall` keeps every rflags bit the user had except those in FMASK (SDM 2B,
	 * SYSCALL), and the user may set most of them with popfq. Clear all but the
	 * reserved bit 1, as Linux does: interrupts off, no single-step, direction up, no
	 * SMAP override (AC), and no NT, with which the kernel's own iretq back to the user
	 * would raise #GP (SDM 2A, IRET: a task return is not allowed in long mode). The
	 * user's flags, NT included, come back from r11 through the frame.
	 */
	wrmsr(MSR_FMASK, X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF |
			 X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_IF | X86_EFLAGS_DF |
			 X86_EFLAGS_OF | X86_EFLAGS_IOPL | X86_EFLAGS_NT | X86_EFLAGS_RF |
			 X86_EFLAGS_AC | X86_EFLAGS_ID);
}

/*
 * The number is an int, as Linux's do_syscall_64() takes it: the upper half of rax is
 * ignored (0x1_0000_0027 is getpid), and a negative number is no system call (-ENOSYS).
 */
void x86_do_syscall(struct pt_regs *regs)
{
	int nr = (int)regs->rax;

	arch_irq_enable();
	regs->rax = (unsigned long)syscall_dispatch((unsigned long)(long)nr, regs->rdi, regs->rsi,
						    regs->rdx, regs->r10, regs->r8, regs->r9);
	arch_irq_disable();
}
