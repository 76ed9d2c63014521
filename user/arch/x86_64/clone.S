/*
 * long __clone(fn, stack, flags, arg, parent_tid, tls, child_tid)  (user/include/thread.h)
 *               rdi  rsi    rdx    rcx  r8         r9   8(%rsp)
 * clone()'s x86_64 order is flags, newsp, parent_tid, child_tid, tls in rdi, rsi, rdx,
 * r10, r8. fn and arg go on the new stack first: the child returns from `syscall` with
 * that stack and nothing else of ours, pops them, calls fn(arg) and exits with its value.
 */
	.text
	.globl	__clone
	.type	__clone, @function
__clone:
	andq	$-16, %rsi		/* the ABI's 16-byte alignment at the call below */
	subq	$16, %rsi
	movq	%rdi, (%rsi)		/* fn */
	movq	%rcx, 8(%rsi)		/* arg */
	movq	%rdx, %rdi		/* flags */
	movq	%r8, %rdx		/* parent_tid */
	movq	8(%rsp), %r10		/* child_tid, the 7th argument, on our stack */
	movq	%r9, %r8		/* tls */
	movl	$56, %eax		/* __NR_clone */
	syscall
	testq	%rax, %rax
	jnz	1f			/* the parent (tid) or an error (-errno) */
	xorl	%ebp, %ebp		/* the child: the outermost frame */
	popq	%rax			/* fn */
	popq	%rdi			/* arg */
	call	*%rax
	movl	%eax, %edi		/* exit(fn's value): this thread only */
	movl	$60, %eax		/* __NR_exit */
	syscall
	hlt				/* never reached */
1:	ret
	.size	__clone, . - __clone

/* void *thread_pointer(void): %fs:0 is not ours to rely on; ask for the FS base. */
	.globl	thread_pointer
	.type	thread_pointer, @function
thread_pointer:
	subq	$8, %rsp
	movl	$0x1003, %edi		/* ARCH_GET_FS */
	movq	%rsp, %rsi		/* into the slot just made */
	movl	$158, %eax		/* __NR_arch_prctl */
	syscall
	popq	%rax
	ret
	.size	thread_pointer, . - thread_pointer

	.section .note.GNU-stack, "", %progbits
