/*
 * The x86_64 kernel's virtual memory layout (4-level paging: 48-bit virtual addresses,
 * canonical halves below 0x0000800000000000 and from 0xffff800000000000 up; Intel SDM
 * vol. 3A, 4.5). The numbers are Linux's, so addresses look familiar in both.
 *
 *   0x0000000000000000 - 0x00007fffffffffff  user space (TASK_SIZE below)
 *   0xffff888000000000 - ...                 direct map: phys P at PAGE_OFFSET + P
 *   0xffffc90000000000 - 0xffffe8ffffffffff  vmalloc area: kernel stacks with guard pages
 *                                            (mm/kstack.c), from 1 GiB in; below that,
 *                                            addresses the tests expect unmapped
 *   0xffffffff80000000 - ...                 the kernel image, linked at 0xffffffff80100000
 *                                            (-mcmodel=kernel needs the top 2 GiB)
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

#include <const.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (_AC(1, UL) << PAGE_SHIFT)

/* Kernel stacks: 16 KiB, each the upper half of a 32 KiB-aligned slot (mm/kstack.h). */
#define KSTACK_SHIFT 14
#define KSTACK_SIZE  (_AC(1, UL) << KSTACK_SHIFT)

#define PAGE_OFFSET      _AC(0xffff888000000000, UL)
#define DIRECT_MAP_SIZE  _AC(0x40000000, UL) /* boot maps 1 GiB; RAM must fit in it */
#define VMALLOC_START    _AC(0xffffc90000000000, UL)
#define VMALLOC_END      _AC(0xffffe90000000000, UL)
#define KERNEL_VIRT_BASE _AC(0xffffffff80000000, UL)
#define KERNEL_PHYS_BASE _AC(0, UL) /* the image at KERNEL_VIRT_BASE + its physical address */
#define TASK_SIZE        _AC(0x00007ffffffff000, UL)

#endif
