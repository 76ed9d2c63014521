/*
 * setjmp, sigsetjmp, longjmp on x86_64. The jmp_buf layout is in setjmp_arch.h.
 *
 * At entry (rsp) holds our return address and 8(%rsp) is where the caller's rsp was
 * before its `call`: those two, with the callee-saved registers, are all it takes to
 * make the call return again later. Nothing else need be kept: every other register
 * may hold anything after a call.
 */
#include <asm/unistd.h>
#include <setjmp_arch.h>

	.text

/* int setjmp(jmp_buf env): sigsetjmp(env, 0). */
	.globl	setjmp
	.type	setjmp, @function
setjmp:
	xorl	%esi, %esi		/* savemask = 0, then fall into sigsetjmp */

/* int sigsetjmp(sigjmp_buf env, int savemask); env in rdi, savemask in esi. */
	.globl	sigsetjmp
	.type	sigsetjmp, @function
sigsetjmp:
	movq	%rbx, JB_RBX(%rdi)
	movq	%rbp, JB_RBP(%rdi)
	movq	%r12, JB_R12(%rdi)
	movq	%r13, JB_R13(%rdi)
	movq	%r14, JB_R14(%rdi)
	movq	%r15, JB_R15(%rdi)
	leaq	8(%rsp), %rdx		/* the caller's rsp, once we have returned */
	movq	%rdx, JB_RSP(%rdi)
	movq	(%rsp), %rdx		/* our return address */
	movq	%rdx, JB_RIP(%rdi)
	movslq	%esi, %rsi
	movq	%rsi, JB_MASK_SAVED(%rdi)
	testq	%rsi, %rsi
	jnz	__sigsetjmp_save_mask	/* tail call, rdi = env: it saves the mask and
					   returns 0 straight to our caller */
	xorl	%eax, %eax		/* the first return: 0 */
	ret
	.size	sigsetjmp, . - sigsetjmp
	.size	setjmp, . - setjmp

/* void longjmp(jmp_buf env, int val); env in rdi, val in esi. */
	.globl	longjmp
	.type	longjmp, @function
longjmp:
	movl	%esi, %eax		/* setjmp's second return value ... */
	testl	%eax, %eax
	jnz	1f
	incl	%eax			/* ... which is never 0 */
1:	movq	JB_RBX(%rdi), %rbx
	movq	JB_RBP(%rdi), %rbp
	movq	JB_R12(%rdi), %r12
	movq	JB_R13(%rdi), %r13
	movq	JB_R14(%rdi), %r14
	movq	JB_R15(%rdi), %r15
	movq	JB_RSP(%rdi), %rsp	/* back on the caller's stack, as after `ret` */
	jmpq	*JB_RIP(%rdi)		/* and "return" from setjmp once more */
	.size	longjmp, . - longjmp

	.section .note.GNU-stack, "", %progbits
