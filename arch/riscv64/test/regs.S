/*
 * long riscv_trap_preserves_regs(unsigned long bad_addr)
 *
 * Loads every general register but sp with a value made from its number, performs a
 * load from bad_addr (which faults; the exception table resumes at the fixup), then
 * checks (1) every register still holds its value, and (2) the struct pt_regs that
 * entry.S saved recorded each value in its slot. A trap from the kernel builds the frame
 * right below the interrupted sp and nothing reuses that memory before the fixup runs
 * (a timer trap in between would save the very same values there), so it can be read
 * at sp - PT_SIZE. Returns 0 if all is well, -1 if the load did not fault, n if xn came
 * back changed, or 100 + n if slot n of the saved frame is wrong.
 *
 * What this cannot see: a missing restore of a callee-saved register (s0-s11), since
 * the C code in between preserves those anyway. Returning to user mode will.
 */
#include <asm/ptrace.h>
#include <kernel/extable.h>

#define PATTERN(n) (0x5a5a000000000000 + ((n) << 8) + (n))

	.section .text
	.globl riscv_trap_preserves_regs
riscv_trap_preserves_regs:
	addi	sp, sp, -128
	sd	ra, 0(sp)		/* save what the calling convention says we must keep */
	sd	gp, 8(sp)
	sd	tp, 16(sp)
	sd	s0, 24(sp)
	sd	s1, 32(sp)
	sd	s2, 40(sp)
	sd	s3, 48(sp)
	sd	s4, 56(sp)
	sd	s5, 64(sp)
	sd	s6, 72(sp)
	sd	s7, 80(sp)
	sd	s8, 88(sp)
	sd	s9, 96(sp)
	sd	s10, 104(sp)
	sd	s11, 112(sp)
	sd	a0, 120(sp)		/* the bad address, reloaded into t6 below */

	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	li	x\n, PATTERN(\n)
	.endr
	ld	x31, 120(sp)		/* x31 = bad address */
.Lfaulting_load:
	lw	x0, 0(x31)		/* must fault; x0 as destination changes nothing */
	li	x31, -1			/* not reached if the load faulted */
	j	.Lout
.Lfixup:
	/* Back from the trap: compare x1..x30 with their patterns. */
	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	li	x31, PATTERN(\n)
	beq	x\n, x31, 1f
	li	x31, \n			/* the first register that changed */
	j	.Lout
1:
	.endr
	/*
	 * The saved frame: slot n must hold PATTERN(n). Slot 30 first, while x30 still holds
	 * its pattern: a timer trap from here on re-saves x30 after we reuse it as scratch.
	 */
	ld	x31, PT_REG(30) - PT_SIZE(sp)
	bne	x31, x30, 3f
	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29
	ld	x30, PT_REG(\n) - PT_SIZE(sp)
	li	x31, PATTERN(\n)
	beq	x30, x31, 2f
	li	x31, 100 + \n
	j	.Lout
2:
	.endr
	ld	x30, PT_SP - PT_SIZE(sp)	/* the saved sp is the sp we trapped with */
	li	x31, 100 + 2
	bne	x30, sp, .Lout
	li	x31, 0			/* all equal */
	j	.Lout
3:	li	x31, 100 + 30
.Lout:
	mv	a0, x31
	ld	ra, 0(sp)
	ld	gp, 8(sp)
	ld	tp, 16(sp)
	ld	s0, 24(sp)
	ld	s1, 32(sp)
	ld	s2, 40(sp)
	ld	s3, 48(sp)
	ld	s4, 56(sp)
	ld	s5, 64(sp)
	ld	s6, 72(sp)
	ld	s7, 80(sp)
	ld	s8, 88(sp)
	ld	s9, 96(sp)
	ld	s10, 104(sp)
	ld	s11, 112(sp)
	addi	sp, sp, 128
	ret
	_ASM_EXTABLE .Lfaulting_load, .Lfixup
