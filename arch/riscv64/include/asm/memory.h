/*
 * The riscv64 kernel's virtual memory layout (Sv39: 39-bit virtual addresses, the upper
 * half starts at 0xffffffc000000000; RISC-V privileged spec, 4.4).
 *
 *   0x0000000000000000 - 0x0000003fffffffff  user space (256 GiB; TASK_SIZE below)
 *   0xffffffc000000000 - 0xffffffcfffffffff  direct map: phys P at PAGE_OFFSET + P
 *   0xffffffd000000000 - 0xffffffdfffffffff  vmalloc area: kernel stacks with guard pages
 *                                            (mm/kstack.c), from 1 GiB in; below that,
 *                                            addresses the tests expect unmapped
 *   0xffffffff80000000 - ...                 the kernel image, linked at 0xffffffff80200000
 *
 * Usable from assembly (head.S) and C.
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

#include <const.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (_AC(1, UL) << PAGE_SHIFT)

/* Kernel stacks: 16 KiB, each the upper half of a 32 KiB-aligned slot (mm/kstack.h). */
#define KSTACK_SHIFT 14
#define KSTACK_SIZE  (_AC(1, UL) << KSTACK_SHIFT)

#define PAGE_OFFSET      _AC(0xffffffc000000000, UL)
#define DIRECT_MAP_SIZE  _AC(0x1000000000, UL) /* 64 GiB of physical address space */
#define VMALLOC_START    _AC(0xffffffd000000000, UL)
#define VMALLOC_END      _AC(0xffffffe000000000, UL)
#define KERNEL_VIRT_BASE _AC(0xffffffff80000000, UL)
#define KERNEL_PHYS_BASE _AC(0x80000000, UL) /* where RAM starts on QEMU virt */
#define TASK_SIZE        _AC(0x4000000000, UL)

#endif
