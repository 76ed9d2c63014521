/*
 * _start: the first user instruction of every program on x86_64.
 *
 * The kernel enters here with the initial stack laid out as Linux lays it out
 * (fs/binfmt_elf.c, create_elf_tables()):
 *
 *   rsp + 0                      argc
 *   rsp + 8                      argv[0] ... argv[argc-1], NULL
 *   then                         envp[0] ... envp[n-1], NULL
 *   then                         auxv: (key, value) pairs, ending with (AT_NULL, 0)
 *   above                        the strings and the 16 AT_RANDOM bytes
 *
 * Every other register is undefined (the System V ABI lets rdx hold an atexit function
 * for a dynamic linker; we ignore it). The C side (__libc_start in user/lib/start.c)
 * walks this layout; all we do here is hand it rsp and give it a clean frame.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	xorl	%ebp, %ebp		/* rbp is the frame pointer: the outermost frame */
	movq	%rsp, %rdi		/* __libc_start(long *sp): rsp points at argc */
	andq	$-16, %rsp		/* the ABI wants rsp 16-byte aligned at a call */
	call	__libc_start		/* calls main, then exit_group(); never returns */
1:	ud2				/* not reached: trap if it ever is */
	jmp	1b

	.section .note.GNU-stack, "", %progbits	/* no executable stack */
