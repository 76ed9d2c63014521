/*
 * long x86_trap_preserves_regs(unsigned long bad_addr)
 *
 * Loads every general register but rsp with a value made from its number, performs a
 * load from bad_addr (which faults; the exception table resumes at the fixup), then
 * checks (1) every register still holds its value and (2) the struct pt_regs that
 * entry.S saved recorded each value. With rsp 16-byte aligned at the fault, a kernel
 * trap builds its frame at exactly rsp - PT_SIZE and nothing reuses that memory
 * before the fixup runs (a timer interrupt in between would save the same values).
 * Returns 0 if all is well, -1 if the load did not fault, n if register n (in the
 * order below, 1-based) changed, 100 + n if its saved slot is wrong.
 */
#include <asm/ptrace.h>
#include <kernel/extable.h>

#define PATTERN(n) (0x5a5a000000000000 + ((n) << 8) + (n))

	.section .text
	.globl x86_trap_preserves_regs
x86_trap_preserves_regs:
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rbx			/* callee-saved registers we are about to clobber */
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	%rdi			/* the bad address; 7 pushes + return address: aligned */
	movabsq	$PATTERN(1), %rax
	movabsq	$PATTERN(2), %rbx
	movabsq	$PATTERN(3), %rcx
	movabsq	$PATTERN(4), %rdx
	movabsq	$PATTERN(5), %rsi
	movabsq	$PATTERN(6), %r8
	movabsq	$PATTERN(7), %r9
	movabsq	$PATTERN(8), %r10
	movabsq	$PATTERN(9), %r11
	movabsq	$PATTERN(10), %r12
	movabsq	$PATTERN(11), %r13
	movabsq	$PATTERN(12), %r14
	movabsq	$PATTERN(13), %r15
	movabsq	$PATTERN(14), %rbp
	movq	(%rsp), %rdi		/* rdi = bad address */
.Lfaulting_load:
	movq	(%rdi), %rdi		/* must fault */
	movq	$-1, %rax		/* not reached if the load faulted */
	jmp	.Lout
.Lfixup:
.macro check reg, n, slot
	movabsq	$PATTERN(\n), %rdi
	cmpq	%rdi, \reg
	movq	$\n, %rdi
	jne	.Lout_rdi
	movabsq	$PATTERN(\n), %rdi
	cmpq	%rdi, \slot - PT_SIZE(%rsp)
	movq	$(100 + \n), %rdi
	jne	.Lout_rdi
.endm
	check	%rax, 1, PT_RAX
	check	%rbx, 2, PT_RBX
	check	%rcx, 3, PT_RCX
	check	%rdx, 4, PT_RDX
	check	%rsi, 5, PT_RSI
	check	%r8, 6, PT_R8
	check	%r9, 7, PT_R9
	check	%r10, 8, PT_R10
	check	%r11, 9, PT_R11
	check	%r12, 10, PT_R12
	check	%r13, 11, PT_R13
	check	%r14, 12, PT_R14
	check	%r15, 13, PT_R15
	check	%rbp, 14, PT_RBP
	movq	PT_RSP - PT_SIZE(%rsp), %rdi	/* the saved rsp is the rsp we trapped with */
	cmpq	%rdi, %rsp
	movq	$(100 + 15), %rdi
	jne	.Lout_rdi
	xorl	%eax, %eax
	jmp	.Lout
.Lout_rdi:
	movq	%rdi, %rax
.Lout:
	addq	$8, %rsp		/* drop the bad address; rsp never moved since */
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	_ASM_EXTABLE .Lfaulting_load, .Lfixup
