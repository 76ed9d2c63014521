/*
 * __restore_rt: where a signal handler returns to on x86_64.
 *
 * The libc's sigaction() sets SA_RESTORER with sa_restorer = __restore_rt (Linux
 * requires it on x86_64). The kernel pushes sa_restorer as the handler's return address
 * (rt_sigframe.pretcode), so the handler's `ret` pops it and lands here with rsp
 * pointing just past pretcode, at the frame's ucontext: exactly where rt_sigreturn
 * looks for it. rt_sigreturn restores every register from there and never returns.
 */
#include <asm/unistd.h>

	.text
	.globl	__restore_rt
	.type	__restore_rt, @function
__restore_rt:
	movq	$__NR_rt_sigreturn, %rax
	syscall				/* does not return: the interrupted code resumes */
	ud2				/* if it ever does, die of SIGILL here */
	.size	__restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", %progbits
