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
 * Every load and store is in the exception table, and a fault on any of them ends the
 * copy with rcx counting the bytes not copied, the faulting one included. That count is
 * exact to the byte for a quadword too: an aligned quadword lies inside one page, so when
 * it faults, its first byte faults as well and none of it could have been copied.
 * (Linux's copy_user may move misaligned words, which can straddle a page; that is
 * why it goes back to bytes after a faulting word. Going back here would only fault a
 * second time on the same byte.)
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
.Lcopy_fault:
	movq	%rcx, %rax		/* 0, or the bytes still to do including the faulting one */
	ret
	_ASM_EXTABLE 10b, .Lcopy_fault
	_ASM_EXTABLE 11b, .Lcopy_fault
	_ASM_EXTABLE 20b, .Lcopy_fault
	_ASM_EXTABLE 21b, .Lcopy_fault
	_ASM_EXTABLE 30b, .Lcopy_fault
	_ASM_EXTABLE 31b, .Lcopy_fault

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
