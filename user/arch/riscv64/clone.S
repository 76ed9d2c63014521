/*
 * long __clone(fn, stack, flags, arg, parent_tid, tls, child_tid)  (user/include/thread.h)
 *               a0  a1     a2     a3   a4          a5   a6
 * clone()'s riscv64 order is flags, newsp, parent_tid, tls, child_tid in a0-a4. fn and
 * arg go on the new stack first: the child returns from `ecall` with that stack and
 * nothing else of ours, loads them, calls fn(arg) and exits with its value.
 */
	.text
	.globl	__clone
	.type	__clone, @function
__clone:
	andi	a1, a1, -16		/* the psABI's 16-byte stack alignment */
	addi	a1, a1, -16
	sd	a0, 0(a1)		/* fn */
	sd	a3, 8(a1)		/* arg */
	mv	a0, a2			/* flags; a1 is the stack already */
	mv	a2, a4			/* parent_tid */
	mv	a3, a5			/* tls */
	mv	a4, a6			/* child_tid */
	li	a7, 220			/* __NR_clone */
	ecall
	beqz	a0, 1f
	ret				/* the parent (tid) or an error (-errno) */
1:	mv	fp, zero		/* the child: the outermost frame */
	ld	a1, 0(sp)		/* fn */
	ld	a0, 8(sp)		/* arg */
	jalr	a1
	li	a7, 93			/* __NR_exit: this thread only, with fn's value in a0 */
	ecall
	unimp				/* never reached */
	.size	__clone, . - __clone

/* void *thread_pointer(void): tp is the thread pointer. */
	.globl	thread_pointer
	.type	thread_pointer, @function
thread_pointer:
	mv	a0, tp
	ret
	.size	thread_pointer, . - thread_pointer

	.section .note.GNU-stack, "", %progbits
