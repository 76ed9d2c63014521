/*
 * Memory accesses that are allowed to fault. Each faulting instruction has an
 * exception-table entry (kernel/extable.h); the trap handler sends a fault on it to
 * the fixup label, which returns an error instead of the kernel oopsing.
 */
#include <kernel/extable.h>

#define EFAULT 14

	.section .text

/*
 * size_t arch_copy_nofault(void *dst, const void *src, size_t n)
 * rdi = dst, rsi = src, rcx = bytes left. A byte at a time, so that a fault tells
 * exactly how much was done; returns the bytes not copied (0 = all of them).
 */
	.globl arch_copy_nofault
arch_copy_nofault:
	movq	%rdx, %rcx
	testq	%rcx, %rcx
	jz	3f
1:	movb	(%rsi), %al		/* may fault: reading src */
2:	movb	%al, (%rdi)		/* may fault: writing dst */
	incq	%rsi
	incq	%rdi
	decq	%rcx
	jnz	1b
3:	movq	%rcx, %rax		/* 0 left */
	ret
.Lcopy_fault:
	movq	%rcx, %rax		/* the bytes still to do, including the faulting one */
	ret
	_ASM_EXTABLE 1b, .Lcopy_fault
	_ASM_EXTABLE 2b, .Lcopy_fault

/*
 * long arch_exec_probe(const void *addr)
 * Calls addr. If it runs (it should be a `ret`), returns 0. If fetching it faults, the
 * return address on the stack is .Lprobe_return; the trap handler finds it in the
 * exception table with type EX_TYPE_EXEC_PROBE, pops it, and resumes at .Lprobe_fault.
 */
	.globl arch_exec_probe
arch_exec_probe:
	pushq	%rbp
	movq	%rsp, %rbp
	call	*%rdi			/* pushes .Lprobe_return */
.Lprobe_return:
	xorl	%eax, %eax
	jmp	1f
.Lprobe_fault:
	movq	$-EFAULT, %rax
1:	popq	%rbp
	ret
	_ASM_EXTABLE .Lprobe_return, .Lprobe_fault, EX_TYPE_EXEC_PROBE

/* A lone `ret`, for tests to copy into data pages and call. */
	.globl exec_probe_ret_insn
exec_probe_ret_insn:
	ret
