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
 * rdi = dst, rsi = src, rcx = bytes left; returns the bytes not copied (0 = all of them).
 * copy_from_user() and friends have already opened the SMAP window (stac) around it.
 *
 * When dst and src are equally misaligned, it copies bytes up to dst's first 8-byte
 * boundary, then 8 bytes per movq, then the last few bytes; otherwise bytes throughout.
 * Every load and store is in the exception table. A byte that faults ends the copy with
 * rcx counting it and everything after it. A quadword that faults sends the copy back to
 * the byte loop at the same place (rdi, rsi, rcx still describe that quadword), which
 * copies what it can of it and faults again on the exact first bad byte: the count is
 * exact to the byte, as Linux's copy_user promises. (An aligned quadword never crosses a
 * page, so in fact its first byte faults again; the byte loop does not rely on that.)
 */
	.globl arch_copy_nofault
arch_copy_nofault:
	movq	%rdx, %rcx
	movl	%edi, %eax
	xorl	%esi, %eax
	testl	$7, %eax		/* dst and src differ in alignment: */
	jnz	.Lcopy_bytes		/* no quadword can be aligned for both */
.Lcopy_head:				/* bytes until dst (and so src) is aligned */
	testl	$7, %edi
	jz	.Lcopy_words
	testq	%rcx, %rcx
	jz	.Lcopy_done
10:	movb	(%rsi), %al		/* may fault: reading src */
11:	movb	%al, (%rdi)		/* may fault: writing dst */
	incq	%rsi
	incq	%rdi
	decq	%rcx
	jmp	.Lcopy_head
.Lcopy_words:				/* both aligned: 8 bytes a step */
	cmpq	$8, %rcx
	jb	.Lcopy_bytes		/* fewer than 8 left: the tail */
20:	movq	(%rsi), %rax		/* may fault: reading src */
21:	movq	%rax, (%rdi)		/* may fault: writing dst */
	addq	$8, %rsi
	addq	$8, %rdi
	subq	$8, %rcx
	jmp	.Lcopy_words
.Lcopy_bytes:				/* the tail, or all of a misaligned copy */
	testq	%rcx, %rcx
	jz	.Lcopy_done
30:	movb	(%rsi), %al		/* may fault: reading src */
31:	movb	%al, (%rdi)		/* may fault: writing dst */
	incq	%rsi
	incq	%rdi
	decq	%rcx
	jmp	.Lcopy_bytes
.Lcopy_done:
.Lcopy_byte_fault:
	movq	%rcx, %rax		/* 0, or the bytes still to do including the faulting one */
	ret
	_ASM_EXTABLE 10b, .Lcopy_byte_fault
	_ASM_EXTABLE 11b, .Lcopy_byte_fault
	_ASM_EXTABLE 20b, .Lcopy_bytes	/* a quadword faulted: redo it byte by byte */
	_ASM_EXTABLE 21b, .Lcopy_bytes
	_ASM_EXTABLE 30b, .Lcopy_byte_fault
	_ASM_EXTABLE 31b, .Lcopy_byte_fault

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
