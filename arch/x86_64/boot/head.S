/*
 * The first instructions Faultline runs on x86_64.
 *
 * QEMU's -kernel reads the PVH entry point from our ELF note (XEN_ELFNOTE_PHYS32_ENTRY,
 * below), loads the image at its physical address (1 MiB) and, after SeaBIOS and its
 * pvh.bin option ROM, jumps to pvh_start. The PVH boot ABI (Xen's docs/misc/pvh.pandoc):
 *   32-bit protected mode, paging off, flat 4 GiB code and data segments,
 *   interrupts off, ebx = physical address of struct hvm_start_info.
 *
 * The kernel is linked at 0xffffffff80100000. Until we run there, every address we use
 * is (symbol - KERNEL_VIRT_BASE), its physical address. Steps:
 *   1. early page tables: identity-map, direct-map and kernel-map the first 1 GiB
 *      with 2 MiB pages;
 *   2. PAE + PGE in CR4, the tables in CR3, LME + NXE in EFER, PG + WP in CR0:
 *      we are in long mode (compatibility submode);
 *   3. a 64-bit GDT and a far jump into a 64-bit code segment;
 *   4. an absolute jump to the upper half, a stack, clear .bss, call x86_boot().
 */
#include <asm/memory.h>
#include <asm/processor.h>

#define PA(sym) ((sym) - KERNEL_VIRT_BASE)
#define PTE_P_RW     0x003 /* present, writable */
#define PTE_P_RW_PS  0x083 /* present, writable, 2 MiB page */
#define PML4_DIRECT  ((PAGE_OFFSET >> 39) & 511)      /* 273 */
#define PDPT_KERNEL  ((KERNEL_VIRT_BASE >> 30) & 511) /* 510 */

/* The PVH entry note: name "Xen", type 18, a 64-bit physical entry address. */
	.section .note.Xen, "a", @note
	.balign 4
	.long	4			/* name size ("Xen" and its NUL) */
	.long	8			/* descriptor size */
	.long	18			/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz	"Xen"
	.balign 4
	.quad	PA(pvh_start)
	.balign 4

	.section .text.head, "ax"
	.code32
	.globl pvh_start
pvh_start:
	cli
	cld
	/* ebx holds the start info's address: left alone until x86_boot(). */

	/* 1. boot_pd: 512 entries of 2 MiB, physical 0 to 1 GiB, read-write. */
	movl	$PA(boot_pd), %edi
	movl	$PTE_P_RW_PS, %eax
	movl	$512, %ecx
1:	movl	%eax, (%edi)		/* low half of the entry */
	movl	$0, 4(%edi)		/* high half: no NX yet, address < 4 GiB */
	addl	$0x200000, %eax		/* next 2 MiB */
	addl	$8, %edi
	loop	1b

	/* The same 1 GiB appears three times: identity, direct map, kernel image. */
	movl	$(PA(boot_pd) + PTE_P_RW), PA(boot_pdpt_low)
	movl	$(PA(boot_pd) + PTE_P_RW), PA(boot_pdpt_high) + PDPT_KERNEL * 8
	movl	$(PA(boot_pdpt_low) + PTE_P_RW), PA(boot_pml4)
	movl	$(PA(boot_pdpt_low) + PTE_P_RW), PA(boot_pml4) + PML4_DIRECT * 8
	movl	$(PA(boot_pdpt_high) + PTE_P_RW), PA(boot_pml4) + 511 * 8

	/* 2. Into long mode (Intel SDM vol. 3A, 10.8.5). */
	movl	%cr4, %eax
	orl	$(CR4_PAE | CR4_PGE), %eax
	movl	%eax, %cr4
	movl	$PA(boot_pml4), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr				/* edx:eax = EFER */
	orl	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0		/* paging on: long mode is active, still 32-bit code */

	/* 3. A GDT with a 64-bit code segment, and a far jump to load it into cs. */
	lgdt	PA(boot_gdt_desc32)
	ljmp	$KERNEL_CS, $PA(start64)

	.code64
start64:
	/* 64-bit mode, still at the physical address (the identity map). */
	movabsq	$high64, %rax
	jmp	*%rax			/* to the upper half */
high64:
	/* Tell gdb this is the outermost frame, so `bt` stops here (unwind info in .debug_frame). */
	.cfi_sections .debug_frame
	.cfi_startproc
	.cfi_undefined rip
	lgdt	boot_gdt_desc64(%rip)	/* the same GDT by its virtual address */
	movl	$KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$boot_stack_top, %rsp
	movq	$_bss_start, %rdi	/* clear .bss (the stack is in it, unused yet) */
	movq	$_bss_end, %rcx
	subq	%rdi, %rcx
	xorl	%eax, %eax
	rep stosb
	xorl	%ebp, %ebp		/* frame pointer 0 ends every backtrace here */
	movl	%ebx, %edi		/* x86_boot(start info physical address) */
	call	x86_boot
2:	hlt				/* x86_boot never returns */
	jmp	2b
	.cfi_endproc

	.section .data
	.balign 4096
boot_pml4:
	.zero	4096
boot_pdpt_low:				/* PML4 entries 0 (identity) and 273 (direct map) */
	.zero	4096
boot_pdpt_high:				/* PML4 entry 511: the kernel image */
	.zero	4096
boot_pd:
	.zero	4096

	/* The boot GDT: null, unused, kernel code (64-bit), kernel data (SDM 3A, 3.4.5). */
	.balign 16
boot_gdt:
	.quad	0
	.quad	0
	.quad	0x00af9a000000ffff	/* KERNEL_CS: present, DPL 0, code, L = 1 */
	.quad	0x00cf92000000ffff	/* KERNEL_DS: present, DPL 0, data, writable */
boot_gdt_end:
boot_gdt_desc32:
	.word	boot_gdt_end - boot_gdt - 1
	.long	PA(boot_gdt)
	.balign 8
boot_gdt_desc64:
	.word	boot_gdt_end - boot_gdt - 1
	.quad	boot_gdt

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
