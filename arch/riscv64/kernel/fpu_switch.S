/*
 * Save and load the 32 floating-point registers and fcsr. The kernel is built without
 * the F and D extensions, so this file switches them on for the assembler only.
 */
	.option	push
	.option	arch, +d
	.section .text

/* void riscv_fpu_save(void *state): state[0..31] = f0-f31, state[32] = fcsr */
	.globl riscv_fpu_save
riscv_fpu_save:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, (\n * 8)(a0)
	.endr
	frcsr	t0
	sd	t0, (32 * 8)(a0)
	ret

/* void riscv_fpu_restore(const void *state) */
	.globl riscv_fpu_restore
riscv_fpu_restore:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, (\n * 8)(a0)
	.endr
	ld	t0, (32 * 8)(a0)
	fscsr	t0
	ret
	.option	pop
