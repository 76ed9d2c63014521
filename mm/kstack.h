/*
 * Kernel stacks: KSTACK_SIZE bytes each, mapped in the vmalloc area with an unmapped
 * guard page below, so running off the bottom faults instead of overwriting the
 * neighbour. Every task has one; its struct pt_regs sits at the top (task_pt_regs()).
 */
#ifndef MM_KSTACK_H
#define MM_KSTACK_H

#include <asm/memory.h>
#include <types.h>

/*
 * KSTACK_SIZE (asm/memory.h) bytes at the top of a slot of twice that size, aligned to
 * its size: the lower half is unmapped guard. So an sp inside a stack has bit
 * KSTACK_SHIFT set and one that ran into the guard has it clear, which the riscv64 trap
 * entry tests without needing a free register. The boot stack is laid out the same way.
 */
#define KSTACK_SLOTS 256 /* at most this many tasks at once */

/* Reserve the area and create its page tables once, at boot. */
void kstack_init(void);
/* A new stack; returns its top (highest address, 16-byte aligned) or 0. */
unsigned long kstack_alloc(void);
void kstack_free(unsigned long top);

#endif
