/*
 * A static Linux program owing nothing to Faultline's user/ tree: no libc, linked by ld
 * with its default layout. The test runner adds it to the initrd with EXTRA= and runs
 * it as init's child, to prove that a teacher's own ELF runs. It writes a line and
 * exits with status 3 (riscv64 Linux ABI: ecall, number in a7).
 */
	.section .rodata
msg:	.ascii	"hello from a teacher's program\n"
msg_end:
	.balign	8
msg_len:
	.quad	msg_end - msg		/* as data: gas will not fold it into an `li` */

	.text
	.globl _start
_start:
	li	a0, 1			/* write(1, msg, len) */
	la	a1, msg
	la	t0, msg_len
	ld	a2, 0(t0)
	li	a7, 64
	ecall
	li	a0, 3			/* exit_group(3) */
	li	a7, 94
	ecall
