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
 * rdi = dst, rsi = src, rdx = n; returns the bytes not copied (0 = all of them).
 * copy_from_user() and friends have already opened the SMAP window (stac) around it.
 *
 * Three string instructions (Intel SDM vol. 2B, REP MOVS): rep movsb for the head of
 * bytes up to dst's first 8-byte boundary, rep movsq for the aligned quadwords, rep
 * movsb for the tail. When dst and src are not equally misaligned no quadword can be
 * aligned for both, and one rep movsb does it all. A rep instruction that faults stops
 * with rcx counting the elements not yet moved, the faulting one included, and rsi/rdi
 * at that element; so on a fault the bytes not copied are rcx (or 8 * rcx) plus what the
 * later steps still had to do, which is kept in rdx. That count is exact to the byte
 * for a quadword too: an aligned quadword lies inside one page, so when it faults, its
 * first byte faults as well and none of it could have been copied. (Linux's copy_user
 * may move misaligned words, which can straddle a page; that is why it goes back to
 * bytes after a faulting word.)
 */
	.globl arch_copy_nofault
arch_copy_nofault:
	movl	%edi, %eax
	xorl	%esi, %eax
	testl	$7, %eax		/* dst and src differ in alignment: */
	jnz	.Lcopy_misaligned	/* bytes throughout */
	movl	%edi, %ecx		/* head: bytes up to dst's 8-byte boundary, */
	negl	%ecx
	andl	$7, %ecx
	cmpq	%rdx, %rcx		/* but no more than n */
	cmovaq	%rdx, %rcx
	subq	%rcx, %rdx		/* rdx: what is left after the head */
10:	rep movsb			/* may fault: reading src or writing dst */
	movq	%rdx, %rcx
	shrq	$3, %rcx		/* whole quadwords */
	andl	$7, %edx		/* rdx: the tail */
20:	rep movsq			/* may fault */
	movq	%rdx, %rcx
	xorl	%edx, %edx
30:	rep movsb			/* may fault */
	xorl	%eax, %eax		/* all of it copied */
	ret
.Lcopy_misaligned:
	movq	%rdx, %rcx
	xorl	%edx, %edx
	jmp	30b
.Lcopy_bytes_fault:			/* rcx bytes of this step and rdx of the later ones */
	leaq	(%rcx,%rdx), %rax
	ret
.Lcopy_words_fault:			/* rcx quadwords and the rdx bytes of the tail */
	leaq	(%rdx,%rcx,8), %rax
	ret
	_ASM_EXTABLE 10b, .Lcopy_bytes_fault
	_ASM_EXTABLE 20b, .Lcopy_words_fault
	_ASM_EXTABLE 30b, .Lcopy_bytes_fault

/*
 * long x86_fxsave_user(void __user *buf), long x86_fxrstor_user(const void __user *buf)
 * Save the FPU/SSE registers straight into a 512-byte FXSAVE image in user memory, or
 * load them from one, as Linux's signal code does: no copy through a kernel buffer. The
 * caller has checked the range (access_ok) and opened the user-access window. buf must
 * be 16-byte aligned, and an image with reserved MXCSR bits set is refused by fxrstor64
 * (Intel SDM vol. 2A, FXRSTOR: #GP in both cases); a #PF or #GP here ends in the fixup:
 * -EFAULT, with the registers untouched.
 */
	.globl x86_fxsave_user
x86_fxsave_user:
40:	fxsave64 (%rdi)			/* may fault */
	xorl	%eax, %eax
	ret
	.globl x86_fxrstor_user
x86_fxrstor_user:
41:	fxrstor64 (%rdi)		/* may fault */
	xorl	%eax, %eax
	ret
.Lfx_fault:
	movq	$-EFAULT, %rax
	ret
	_ASM_EXTABLE 40b, .Lfx_fault
	_ASM_EXTABLE 41b, .Lfx_fault

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
