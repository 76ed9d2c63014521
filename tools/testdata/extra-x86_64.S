/*
 * A static Linux program owing nothing to Faultline's user/ tree: no libc, linked by ld
 * with its default layout. The test runner adds it to the initrd with EXTRA= and runs
 * it as init's child, to prove that a teacher's own ELF runs. It writes a line and
 * exits with status 3 (x86_64 Linux ABI: syscall, number in rax).
 */
	.globl _start
_start:
	movl	$1, %edi		/* write(1, msg, len) */
	leaq	msg(%rip), %rsi
	movl	$(msg_end - msg), %edx
	movl	$1, %eax
	syscall
	movl	$3, %edi		/* exit_group(3) */
	movl	$231, %eax
	syscall

	.section .rodata
msg:	.ascii	"hello from a teacher's program\n"
msg_end:
