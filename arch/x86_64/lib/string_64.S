/*
 * memcpy() and memset() for x86_64, replacing the generic word loops of lib/string.c
 * (which are weak). As in page_64.S, a string instruction does the work: rep movsq or
 * rep stosq for the whole quadwords, then rep movsb or rep stosb for the last 0-7 bytes
 * (Intel SDM vol. 2B, REP/MOVS/STOS; the kernel keeps EFLAGS.DF clear, so they step up).
 * x86 allows misaligned quadword accesses, so there is no head to align first. Only
 * kernel memory is touched here: copies that may fault are arch_copy_nofault's.
 */

	.section .text

/* void *memcpy(void *dst, const void *src, size_t n): rdi = dst, rsi = src, rdx = n */
	.globl memcpy
memcpy:
	movq	%rdi, %rax		/* memcpy returns dst */
	movq	%rdx, %rcx
	shrq	$3, %rcx		/* quadwords */
	rep movsq
	movl	%edx, %ecx
	andl	$7, %ecx		/* the bytes left over */
	rep movsb
	ret

/* void *memset(void *dst, int c, size_t n): rdi = dst, esi = c, rdx = n */
	.globl memset
memset:
	movq	%rdi, %r8		/* memset returns dst; rdi moves */
	movzbl	%sil, %eax
	movabsq	$0x0101010101010101, %rcx
	imulq	%rcx, %rax		/* the byte c in all eight bytes of rax */
	movq	%rdx, %rcx
	shrq	$3, %rcx
	rep stosq
	movl	%edx, %ecx
	andl	$7, %ecx
	rep stosb
	movq	%r8, %rax
	ret
