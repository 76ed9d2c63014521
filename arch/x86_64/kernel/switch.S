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
 * kernel never uses them, and every GDT descriptor's base is 0, so loading fs or gs
 * (which also loads its base from the descriptor) loses nothing. Once tasks have an FS
 * or GS base of their own (arch_prctl), it must be written after the selector.
 */
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
	movq	%rsp, (%rdi)		/* *prev_sp = rsp */
	movq	%rsi, %rsp		/* now on next's stack */
	popq	%rax
	movl	%eax, %gs		/* a selector the task loaded itself, or 0: cannot fault */
	popq	%rax
	movl	%eax, %fs
	popq	%rax
	movl	%eax, %es
	popq	%rax
	movl	%eax, %ds
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
