/*
 * The first instructions Faultline runs on riscv64.
 *
 * OpenSBI jumps here in S-mode with the MMU off (satp = 0), at the load address
 * 0x80200000, with a0 = hart id and a1 = physical address of the device tree.
 * The kernel is linked at 0xffffffff80200000, so until paging is on we must only use
 * pc-relative addressing: `la` assembles to auipc+addi (we build with -mcmodel=medany
 * and without PIC), which yields the address we are *running* at, i.e. physical.
 *
 * Steps: build a temporary page table of 1 GiB "gigapages", turn on Sv39, jump to the
 * linked (virtual) address, clear .bss, set up the boot stack and call riscv_boot().
 */
#include <asm/csr.h>
#include <asm/memory.h>

#define GIGA_SHIFT 30
/* Leaf PTE bits V R W X A D G (asm/pgtable.h spells them out). */
#define PTE_RWX_GLOBAL 0xef
#define PTE_RW_GLOBAL  0xe7

	.section .text.head, "ax"
	.globl _start
_start:
	csrw	sie, zero		/* no interrupts until the trap vector exists */
	csrw	sip, zero
	mv	s1, a0			/* s1 = hart id: kept across the setup below */
	mv	s2, a1			/* s2 = device tree (physical) */

	/*
	 * boot_pgtable (a 4 KiB table in .data, so its zeros are in the file: .bss is
	 * not cleared yet) gets three kinds of 1 GiB leaf entries:
	 *   identity    VA 0x80000000 -> PA 0x80000000 (RWX), so the instruction after
	 *               `csrw satp` can still be fetched at its physical address;
	 *   kernel      VA 0xffffffff80000000 -> PA 0x80000000 (RWX);
	 *   direct map  VA PAGE_OFFSET + n GiB -> PA n GiB for n < 64 (RW), so early C
	 *               code can read the device tree through __va().
	 * paging_init() replaces all this with 4 KiB pages and W^X.
	 */
	la	t0, boot_pgtable	/* t0 = physical address of the table */
	li	t1, KERNEL_PHYS_BASE
	srli	t1, t1, 12		/* t1 = PPN of the 1 GiB RAM block */
	slli	t1, t1, 10		/* ... moved to PTE.PPN (bits 53:10) */
	ori	t1, t1, PTE_RWX_GLOBAL
	li	t2, (KERNEL_PHYS_BASE >> GIGA_SHIFT) * 8
	add	t2, t0, t2
	sd	t1, 0(t2)		/* identity entry: index = PA >> 30 */
	li	t2, ((KERNEL_VIRT_BASE >> GIGA_SHIFT) & 511) * 8
	add	t2, t0, t2
	sd	t1, 0(t2)		/* kernel entry: index 510 */

	li	t2, ((PAGE_OFFSET >> GIGA_SHIFT) & 511) * 8
	add	t2, t0, t2		/* t2 = &boot_pgtable[256], first direct-map slot */
	li	t1, PTE_RW_GLOBAL	/* PPN 0, RW: the first gigabyte of physical memory */
	li	t3, 1 << (GIGA_SHIFT - 12 + 10)	/* PPN step of 1 GiB, in PTE position */
	li	t4, 64			/* 64 entries: DIRECT_MAP_SIZE */
1:	sd	t1, 0(t2)
	add	t1, t1, t3
	addi	t2, t2, 8
	addi	t4, t4, -1
	bnez	t4, 1b

	srli	t0, t0, 12		/* satp = MODE Sv39 | PPN of the root table */
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma			/* no stale translations from the firmware */
	csrw	satp, t0		/* paging is on from the next instruction */
	sfence.vma

	/*
	 * Still running at the physical pc (thanks to the identity entry). Load the linked
	 * address of `high` from a literal and jump there: now pc is virtual.
	 */
	ld	t0, .Lhigh_addr
	jr	t0
high:
	/* Tell gdb this is the outermost frame, so `bt` stops here (unwind info in .debug_frame). */
	.cfi_sections .debug_frame
	.cfi_startproc
	.cfi_undefined ra
	la	sp, boot_stack_top	/* `la` now yields virtual addresses */
	la	t0, _bss_start		/* clear .bss: C assumes zeroed globals */
	la	t1, _bss_end
2:	bgeu	t0, t1, 3f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	2b
3:
	csrw	sscratch, zero		/* sscratch = 0: "we are in the kernel" (entry.S) */
	li	s0, 0			/* frame pointer 0 ends every backtrace here */
	mv	a0, s1			/* riscv_boot(hart id, device tree physical address) */
	mv	a1, s2
	call	riscv_boot
4:	wfi				/* riscv_boot never returns */
	j	4b
	.cfi_endproc

	.balign 8
.Lhigh_addr:
	.dword	high

	.section .data
	.balign 4096
	.globl boot_pgtable
boot_pgtable:
	.zero	4096

	/* Laid out like every kernel stack (mm/kstack.h): the upper half of a 2 * 16 KiB slot. */
	.section .bss.stack, "aw", @nobits
	.balign 2 * KSTACK_SIZE
	.zero	KSTACK_SIZE - 4096	/* the lower half: padding, then the guard page */
	.globl boot_stack_guard
boot_stack_guard:
	.zero	4096			/* unmapped by paging_init(): overflowing the stack faults */
	.globl boot_stack
boot_stack:
	.zero	KSTACK_SIZE		/* the boot stack, the idle task's from then on */
	.globl boot_stack_top
boot_stack_top:
