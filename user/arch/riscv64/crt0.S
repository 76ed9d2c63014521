/*
 * _start: the first user instruction of every program on riscv64.
 *
 * The kernel enters here with the initial stack laid out as Linux lays it out
 * (fs/binfmt_elf.c, create_elf_tables()), sp 16-byte aligned:
 *
 *   sp + 0                       argc
 *   sp + 8                       argv[0] ... argv[argc-1], NULL
 *   then                         envp[0] ... envp[n-1], NULL
 *   then                         auxv: (key, value) pairs, ending with (AT_NULL, 0)
 *   above                        the strings and the 16 AT_RANDOM bytes
 *
 * Every other register is undefined. The C side (__libc_start in user/lib/start.c)
 * walks this layout; all we do here is hand it sp and give it a clean frame.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	li	ra, 0			/* no return address: a backtrace ends here */
	li	s0, 0			/* s0 is the frame pointer: the outermost frame */
	mv	a0, sp			/* __libc_start(long *sp): sp points at argc */
	andi	sp, sp, -16		/* the psABI wants sp 16-byte aligned at a call */
	call	__libc_start		/* calls main, then exit_group(); never returns */
1:	unimp				/* not reached: trap if it ever is */
	j	1b

	.section .note.GNU-stack, "", %progbits	/* no executable stack */
