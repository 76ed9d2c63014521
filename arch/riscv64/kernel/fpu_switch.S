/*
 * Save and load the 32 floating-point registers and fcsr. The kernel is built without
 * the F and D extensions, so this file switches them on for the assembler only.
 */
#include <kernel/extable.h>

#define EFAULT 14
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
/*
 * long riscv_fpu_save_user(void __user *state), long riscv_fpu_restore_user(const void
 * __user *state): the same, straight to or from a signal frame's D-extension state
 * (struct __riscv_d_ext_state: f0-f31, then the 32-bit fcsr and 32 bits of padding,
 * written as zero), as Linux's signal code fills it: no copy through a kernel buffer.
 * Only fcsr's frm and fflags (its low 8 bits) are loaded back. The caller has checked
 * the range, opened the user-access window and turned sstatus.FS on. 0, or -EFAULT when
 * a load or store faults (each is in the exception table); the registers may then be
 * partly saved or loaded.
 */
	.globl riscv_fpu_save_user
riscv_fpu_save_user:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
1:	fsd	f\n, (\n * 8)(a0)
	_ASM_EXTABLE 1b, .Lfpu_user_fault
	.endr
	frcsr	t0			/* zero-extended: the padding after fcsr is zero */
2:	sd	t0, (32 * 8)(a0)
	_ASM_EXTABLE 2b, .Lfpu_user_fault
	li	a0, 0
	ret

	.globl riscv_fpu_restore_user
riscv_fpu_restore_user:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
1:	fld	f\n, (\n * 8)(a0)
	_ASM_EXTABLE 1b, .Lfpu_user_fault
	.endr
2:	lwu	t0, (32 * 8)(a0)
	_ASM_EXTABLE 2b, .Lfpu_user_fault
	andi	t0, t0, 0xff		/* frm and fflags only */
	fscsr	t0
	li	a0, 0
	ret
.Lfpu_user_fault:
	li	a0, -EFAULT
	ret
	.option	pop
