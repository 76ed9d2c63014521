/*
 * Trap entry and exit: one stub per IDT vector, all meeting in common_trap.
 *
 * On an interrupt or exception the CPU (Intel SDM vol. 3A, 6.14.2) switches to the
 * kernel stack if it came from user mode (or to an IST stack if the IDT entry names
 * one), aligns rsp to 16 bytes, and pushes ss, rsp, rflags, cs and rip; for some
 * exceptions it also pushes an error code. Interrupt gates clear IF, so we run with
 * interrupts off. The stub makes every frame alike: a dummy error code where the CPU
 * pushes none, then the vector number. common_trap pushes the general registers, which
 * completes a struct pt_regs (asm/ptrace.h), and calls handle_trap(regs).
 */
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <uapi/errno.h>

/* Vectors for which the CPU pushes an error code (SDM 3A, table 6-1). */
#define HAS_ERROR_CODE(n) ((n) == 8 || ((n) >= 10 && (n) <= 14) || (n) == 17 || \
			   (n) == 21 || (n) == 29 || (n) == 30)

	.section .text

.macro trap_stub n
	.balign 16
trap_stub_\n:
	.if !HAS_ERROR_CODE(\n)
	pushq	$0			/* the dummy error code */
	.endif
	pushq	$\n			/* the vector */
	jmp	common_trap
.endm

/* Stubs for the 32 exceptions, the 16 legacy PIC interrupts, and 255 (spurious). */
	.altmacro
	.set	n, 0
	.rept	48
	trap_stub %n
	.set	n, n + 1
	.endr
	trap_stub 255

/*
 * The `syscall` instruction lands here (MSR_LSTAR) on the user's stack, with rcx = user
 * rip and r11 = user rflags, interrupts off (MSR_FMASK). Switch to the kernel stack and
 * push what an interrupt from user mode would have, so the rest is an ordinary trap.
 * rcx and r11 are saved as they are: the syscall ABI lets the kernel clobber them.
 */
	.balign 16
	.globl syscall_entry
syscall_entry:
	movq	%rsp, x86_syscall_user_rsp(%rip)	/* one CPU: a global slot is enough */
	movq	x86_syscall_kernel_rsp(%rip), %rsp	/* the current task's kernel stack top */
	pushq	$USER_DS			/* ss */
	pushq	x86_syscall_user_rsp(%rip)	/* rsp */
	pushq	%r11				/* rflags */
	pushq	$USER_CS			/* cs */
	pushq	%rcx				/* rip: the instruction after `syscall` */
	pushq	%rax				/* error slot: the original rax (Linux's orig_ax) */
	pushq	$X86_SYSCALL_VECTOR		/* not an IDT vector: handle_trap knows it */
	jmp	common_trap

/*
 * `syscall` from 32-bit compatibility mode lands here (MSR_CSTAR): ring 0, still on the
 * user's stack, ecx = the user's eip, r11 = the user's rflags, interrupts off. There is
 * no 32-bit system-call ABI, so touch nothing and return -ENOSYS at once, as Linux built
 * without IA32 emulation does: sysretl reloads cs/ss from MSR_STAR[63:48] (USER32_CS and
 * USER_DS), eip from ecx and rflags from r11 (SDM 2B, SYSRET), so the program carries on
 * after its `syscall` in 32-bit mode.
 */
	.balign 16
	.globl syscall32_ignore
syscall32_ignore:
	movl	$-ENOSYS, %eax			/* the result: no such system call */
	sysretl					/* back to 32-bit user mode */

common_trap:
	pushq	%rdi			/* build pt_regs from rdi down to r15 */
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld				/* the C ABI wants the direction flag clear */
	cmpb	$0, x86_smap_enabled(%rip)	/* close the user-access window: a trap may */
	je	1f				/* have come in the middle of one (iretq */
	clac					/* restores the interrupted rflags.AC) */
1:
	movq	%rsp, %rdi		/* handle_trap(struct pt_regs *regs) */
	call	handle_trap			/* rsp is 16-byte aligned here: 22 slots of 8 on an aligned base */

	.globl ret_from_trap
ret_from_trap:
	popq	%r15			/* C may have changed any field (rip for a fixup) */
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$16, %rsp		/* drop the vector and the error code */
	iretq				/* pops rip, cs, rflags, rsp, ss */

/* The stubs' addresses, for idt_init() (arch/x86_64/kernel/trap.c). */
	.section .rodata
	.balign 8
.macro stub_address n
	.quad	trap_stub_\n
.endm
	.globl trap_stub_table
trap_stub_table:
	.set	n, 0
	.rept	48
	stub_address %n
	.set	n, n + 1
	.endr
	.globl trap_stub_spurious
trap_stub_spurious:
	.quad	trap_stub_255
