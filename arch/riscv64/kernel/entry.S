/*
 * Trap entry and exit (stvec points at trap_entry, in direct mode).
 *
 * The hardware, on a trap into S-mode (privileged spec 4.1.1, 4.1.7-4.1.9): saves the
 * pc in sepc, the cause in scause and the faulting address in stval, copies SIE to SPIE
 * and clears SIE (so we run with interrupts off), records the old mode in SPP, and
 * jumps here. Every general register still holds the interrupted code's value.
 *
 * sscratch convention: 0 while in the kernel; the kernel stack top while in user mode.
 * That tells us where we came from without touching a general register first.
 */
#include <asm/csr.h>
#include <asm/memory.h>
#include <asm/ptrace.h>

	.section .text
	.balign 4			/* stvec's low two bits are the mode: address must be 4-aligned */
	.globl trap_entry
trap_entry:
	csrrw	sp, sscratch, sp	/* swap sp and sscratch */
	bnez	sp, 1f			/* non-zero: we came from user mode, sp = kernel stack top */
	/*
	 * From the kernel: the old sp is now in sscratch. Has it run off its stack? Every
	 * kernel stack is KSTACK_SIZE bytes in the upper half of a 2 * KSTACK_SIZE aligned
	 * slot, so an sp inside it has bit KSTACK_SHIFT set, and one that has overflowed
	 * into the guard below has it clear. Test that bit with sp alone (sscratch keeps
	 * the original): no other register is free yet.
	 */
	csrr	sp, sscratch
	addi	sp, sp, -PT_SIZE	/* where the frame would go */
	srli	sp, sp, KSTACK_SHIFT
	andi	sp, sp, 1
	beqz	sp, .Lstack_overflow
	csrr	sp, sscratch		/* fine: back to the old sp */
1:
	addi	sp, sp, -PT_SIZE	/* room for struct pt_regs */
	sd	x1, PT_REG(1)(sp)
	/* x2 (sp) is saved below, from sscratch */
	sd	x3, PT_REG(3)(sp)
	sd	x4, PT_REG(4)(sp)
	sd	x5, PT_REG(5)(sp)
	sd	x6, PT_REG(6)(sp)
	sd	x7, PT_REG(7)(sp)
	sd	x8, PT_REG(8)(sp)
	sd	x9, PT_REG(9)(sp)
	sd	x10, PT_REG(10)(sp)
	sd	x11, PT_REG(11)(sp)
	sd	x12, PT_REG(12)(sp)
	sd	x13, PT_REG(13)(sp)
	sd	x14, PT_REG(14)(sp)
	sd	x15, PT_REG(15)(sp)
	sd	x16, PT_REG(16)(sp)
	sd	x17, PT_REG(17)(sp)
	sd	x18, PT_REG(18)(sp)
	sd	x19, PT_REG(19)(sp)
	sd	x20, PT_REG(20)(sp)
	sd	x21, PT_REG(21)(sp)
	sd	x22, PT_REG(22)(sp)
	sd	x23, PT_REG(23)(sp)
	sd	x24, PT_REG(24)(sp)
	sd	x25, PT_REG(25)(sp)
	sd	x26, PT_REG(26)(sp)
	sd	x27, PT_REG(27)(sp)
	sd	x28, PT_REG(28)(sp)
	sd	x29, PT_REG(29)(sp)
	sd	x30, PT_REG(30)(sp)
	sd	x31, PT_REG(31)(sp)

	csrrw	t0, sscratch, zero	/* t0 = sp before the trap; sscratch = 0: in the kernel now */
	sd	t0, PT_SP(sp)
	csrr	t0, sepc
	sd	t0, PT_EPC(sp)
	csrr	t1, sstatus
	sd	t1, PT_STATUS(sp)
	li	t4, SSTATUS_SUM		/* the handler must not touch user memory by accident: */
	csrc	sstatus, t4		/* close the window (ret_from_trap restores sstatus) */
	csrr	t2, stval
	sd	t2, PT_BADADDR(sp)
	csrr	t3, scause
	sd	t3, PT_CAUSE(sp)

	mv	a0, sp			/* handle_trap(struct pt_regs *regs) */
	call	handle_trap

	.globl ret_from_trap
ret_from_trap:
	/* sp points at the pt_regs; C may have changed any field (epc for a fixup). */
	ld	t0, PT_STATUS(sp)
	csrw	sstatus, t0		/* SPP and SPIE decide where sret goes and SIE after */
	ld	t1, PT_EPC(sp)
	csrw	sepc, t1
	andi	t0, t0, SSTATUS_SPP
	bnez	t0, 2f			/* back to the kernel: sscratch stays 0 */
	addi	t0, sp, PT_SIZE		/* back to user: the next trap's kernel stack top */
	csrw	sscratch, t0
2:
	ld	x1, PT_REG(1)(sp)
	ld	x3, PT_REG(3)(sp)
	ld	x4, PT_REG(4)(sp)
	ld	x5, PT_REG(5)(sp)
	ld	x6, PT_REG(6)(sp)
	ld	x7, PT_REG(7)(sp)
	ld	x8, PT_REG(8)(sp)
	ld	x9, PT_REG(9)(sp)
	ld	x10, PT_REG(10)(sp)
	ld	x11, PT_REG(11)(sp)
	ld	x12, PT_REG(12)(sp)
	ld	x13, PT_REG(13)(sp)
	ld	x14, PT_REG(14)(sp)
	ld	x15, PT_REG(15)(sp)
	ld	x16, PT_REG(16)(sp)
	ld	x17, PT_REG(17)(sp)
	ld	x18, PT_REG(18)(sp)
	ld	x19, PT_REG(19)(sp)
	ld	x20, PT_REG(20)(sp)
	ld	x21, PT_REG(21)(sp)
	ld	x22, PT_REG(22)(sp)
	ld	x23, PT_REG(23)(sp)
	ld	x24, PT_REG(24)(sp)
	ld	x25, PT_REG(25)(sp)
	ld	x26, PT_REG(26)(sp)
	ld	x27, PT_REG(27)(sp)
	ld	x28, PT_REG(28)(sp)
	ld	x29, PT_REG(29)(sp)
	ld	x30, PT_REG(30)(sp)
	ld	x31, PT_REG(31)(sp)
	ld	x2, PT_SP(sp)		/* sp last: it is the base of every load above */
	sret				/* pc = sepc, mode = SPP, SIE = SPIE */

/*
 * The kernel stack overflowed: build the frame on a stack of its own (la uses sp as its
 * scratch, so no register is lost), record the overflowed sp from sscratch, and oops.
 */
.Lstack_overflow:
	la	sp, overflow_stack_top
	addi	sp, sp, -PT_SIZE
	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, PT_REG(\n)(sp)
	.endr
	csrrw	t0, sscratch, zero
	sd	t0, PT_SP(sp)
	csrr	t0, sepc
	sd	t0, PT_EPC(sp)
	csrr	t0, sstatus
	sd	t0, PT_STATUS(sp)
	csrr	t0, stval
	sd	t0, PT_BADADDR(sp)
	csrr	t0, scause
	sd	t0, PT_CAUSE(sp)
	mv	a0, sp
	call	handle_kernel_stack_overflow	/* oopses: never returns */

	.section .bss
	.balign 16
overflow_stack:
	.zero	4096
overflow_stack_top:
