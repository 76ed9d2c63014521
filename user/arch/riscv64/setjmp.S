/*
 * setjmp, sigsetjmp, longjmp on riscv64. The jmp_buf layout is in setjmp_arch.h.
 *
 * A call leaves the return address in ra and does not move sp, so ra, sp and the
 * callee-saved s0-s11 are all it takes to make the call return again later. Nothing
 * else need be kept: every other register may hold anything after a call.
 */
#include <setjmp_arch.h>

	.text

/* int setjmp(jmp_buf env): sigsetjmp(env, 0). */
	.globl	setjmp
	.type	setjmp, @function
setjmp:
	li	a1, 0			/* savemask = 0, then fall into sigsetjmp */

/* int sigsetjmp(sigjmp_buf env, int savemask); env in a0, savemask in a1. */
	.globl	sigsetjmp
	.type	sigsetjmp, @function
sigsetjmp:
	sd	ra, JB_RA(a0)
	sd	sp, JB_SP(a0)
	sd	s0, JB_S0 + 0 * 8(a0)
	sd	s1, JB_S0 + 1 * 8(a0)
	sd	s2, JB_S0 + 2 * 8(a0)
	sd	s3, JB_S0 + 3 * 8(a0)
	sd	s4, JB_S0 + 4 * 8(a0)
	sd	s5, JB_S0 + 5 * 8(a0)
	sd	s6, JB_S0 + 6 * 8(a0)
	sd	s7, JB_S0 + 7 * 8(a0)
	sd	s8, JB_S0 + 8 * 8(a0)
	sd	s9, JB_S0 + 9 * 8(a0)
	sd	s10, JB_S0 + 10 * 8(a0)
	sd	s11, JB_S0 + 11 * 8(a0)
	sext.w	a1, a1
	sd	a1, JB_MASK_SAVED(a0)
	beqz	a1, 1f
	tail	__sigsetjmp_save_mask	/* a0 = env; ra is still our caller's: it saves
					   the mask and returns 0 straight to our caller */
1:	li	a0, 0			/* the first return: 0 */
	ret
	.size	sigsetjmp, . - sigsetjmp
	.size	setjmp, . - setjmp

/* void longjmp(jmp_buf env, int val); env in a0, val in a1. */
	.globl	longjmp
	.type	longjmp, @function
longjmp:
	ld	ra, JB_RA(a0)
	ld	sp, JB_SP(a0)
	ld	s0, JB_S0 + 0 * 8(a0)
	ld	s1, JB_S0 + 1 * 8(a0)
	ld	s2, JB_S0 + 2 * 8(a0)
	ld	s3, JB_S0 + 3 * 8(a0)
	ld	s4, JB_S0 + 4 * 8(a0)
	ld	s5, JB_S0 + 5 * 8(a0)
	ld	s6, JB_S0 + 6 * 8(a0)
	ld	s7, JB_S0 + 7 * 8(a0)
	ld	s8, JB_S0 + 8 * 8(a0)
	ld	s9, JB_S0 + 9 * 8(a0)
	ld	s10, JB_S0 + 10 * 8(a0)
	ld	s11, JB_S0 + 11 * 8(a0)
	sext.w	a0, a1			/* setjmp's second return value ... */
	bnez	a0, 1f
	li	a0, 1			/* ... which is never 0 */
1:	ret				/* "return" from setjmp once more, to ra */
	.size	longjmp, . - longjmp

	.section .note.GNU-stack, "", %progbits
