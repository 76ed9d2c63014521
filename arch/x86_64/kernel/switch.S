/*
 * Switching between tasks' kernel stacks.
 *
 * void arch_switch_context(unsigned long *prev_sp, unsigned long next_sp)
 * rdi = prev_sp, rsi = next_sp. To the C code that called schedule() this is an
 * ordinary call, so only the callee-saved registers (rbp, rbx, r12-r15) are pushed,
 * rsp is stored in *prev_sp, next's rsp is loaded, and its registers popped; `ret`
 * then returns into whatever next was doing when it switched out.
 *
 * The data segment selectors ds, es, fs and gs are user state too: neither a trap nor
 * iretq saves or reloads them, a program may load them (and 32-bit code addresses memory
 * through them), so each task keeps its own here, as Linux's __switch_to() does. The
 * kernel never uses them. So are the FS and GS bases (arch_prctl, a thread's TLS), kept
 * in MSR_FS_BASE and MSR_GS_BASE (SDM vol. 3A, 3.4.4.1): loading a selector loads its
 * base from the GDT descriptor (0), so each base is written back after its selector.
 *
 * The switch frame, from the top: return address, rbp rbx r12 r13 r14 r15, ds es fs gs,
 * FS base, GS base (at the saved rsp; arch_init_kstack and arch_set_tls know this).
 */
#include <asm/processor.h>

	.section .text
	.globl arch_switch_context
arch_switch_context:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movl	%ds, %eax		/* rax is ours to clobber: a call may */
	pushq	%rax
	movl	%es, %eax
	pushq	%rax
	movl	%fs, %eax
	pushq	%rax
	movl	%gs, %eax
	pushq	%rax
	movl	$MSR_FS_BASE, %ecx	/* rdmsr: edx:eax = the MSR numbered ecx */
	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax		/* rdmsr zeroed rax's upper half */
	pushq	%rax
	movl	$MSR_GS_BASE, %ecx
	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
	pushq	%rax
	movq	%rsp, (%rdi)		/* *prev_sp = rsp */
	movq	%rsi, %rsp		/* now on next's stack */
	popq	%r8			/* next's GS base (r8, r9: caller-saved, ours) */
	popq	%r9			/* next's FS base */
	popq	%rax
	movl	%eax, %gs		/* a selector the task loaded itself, or 0: cannot fault */
	popq	%rax
	movl	%eax, %fs
	popq	%rax
	movl	%eax, %es
	popq	%rax
	movl	%eax, %ds
	movl	$MSR_FS_BASE, %ecx	/* wrmsr: the MSR numbered ecx = edx:eax */
	movl	%r9d, %eax
	movq	%r9, %rdx
	shrq	$32, %rdx
	wrmsr
	movl	$MSR_GS_BASE, %ecx
	movl	%r8d, %eax
	movq	%r8, %rdx
	shrq	$32, %rdx
	wrmsr
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

/*
 * A new task's first stop. arch_init_kstack() put this address as the return address
 * of a switch frame right below the task's struct pt_regs: after `ret`, rsp points at
 * the pt_regs, which is what ret_from_trap expects.
 */
	.globl ret_from_fork
ret_from_fork:
	call	schedule_tail
	jmp	ret_from_trap
