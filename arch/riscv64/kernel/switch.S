/*
 * Switching between tasks' kernel stacks.
 *
 * void arch_switch_context(unsigned long *prev_sp, unsigned long next_sp)
 * Only the callee-saved registers (ra, s0-s11) need saving: to the C code that called
 * schedule(), arch_switch_context is an ordinary function call. They go on the current
 * stack as a struct of 13 slots; sp is stored in *prev_sp; then the same is undone
 * from next_sp, and `ret` returns into whatever next was doing when it switched out.
 */
#define SWITCH_FRAME (13 * 8 + 8) /* 13 registers, rounded up to keep sp 16-aligned */

	.section .text
	.globl arch_switch_context
arch_switch_context:
	addi	sp, sp, -SWITCH_FRAME
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
	sd	sp, 0(a0)		/* *prev_sp = sp */
	mv	sp, a1			/* now on next's stack */
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
	addi	sp, sp, SWITCH_FRAME
	ret

/*
 * A new task's first stop. arch_init_kstack() built a switch frame whose ra is here, right
 * below the task's struct pt_regs: after the frame is popped, sp points at the pt_regs,
 * which is what ret_from_trap expects.
 */
	.globl ret_from_fork
ret_from_fork:
	call	schedule_tail
	j	ret_from_trap

	.globl arch_switch_frame_size
	.section .rodata
	.balign 8
arch_switch_frame_size:
	.quad	SWITCH_FRAME
