/*
 * The user address space on riscv64, for tests that poke at its edges. The same numbers
 * as the kernel's arch/riscv64/include/asm/memory.h (which user code may not include)
 * and as Linux's with Sv39.
 */
#ifndef USER_MEMLAYOUT_H
#define USER_MEMLAYOUT_H

#define USER_TOP     0x4000000000UL      /* user addresses are below: 256 GiB (Sv39) */
#define KERNEL_IMAGE 0xffffffff80000000UL /* where the kernel image lives */

#endif
