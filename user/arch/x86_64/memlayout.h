/*
 * The user address space on x86_64, for tests that poke at its edges. The same numbers
 * as the kernel's arch/x86_64/include/asm/memory.h (which user code may not include)
 * and as Linux's TASK_SIZE with 4-level paging (the top page below 2^47 stays unmapped).
 */
#ifndef USER_MEMLAYOUT_H
#define USER_MEMLAYOUT_H

#define USER_TOP     0x7ffffffff000UL     /* user addresses are below */
#define KERNEL_IMAGE 0xffffffff80000000UL /* where the kernel image lives */

#endif
