/* Kernel stacks in the vmalloc area (see kstack.h). */
#include <arch.h>
#include <asm/memory.h>
#include <kernel/panic.h>
#include <kernel/spinlock.h>
#include <mm/frame.h>
#include <mm/kstack.h>
#include <mm/pgtable.h>

/* Slot i at KSTACK_AREA + i * KSTACK_STRIDE: the guard half, then the stack. */
#define KSTACK_AREA   (VMALLOC_START + (1UL << 30)) /* clear of the addresses tests poke */
#define KSTACK_STRIDE (2 * KSTACK_SIZE)

static DEFINE_SPINLOCK(kstack_lock); /* protects slot_used[] */
static bool slot_used[KSTACK_SLOTS];

void kstack_init(void)
{
	/*
	 * Create the page tables under the whole area now. Every address space shares the
	 * kernel half's tables, so they must exist before anyone maps a stack; and a
	 * process then never costs a table frame that outlives it.
	 */
	_Static_assert(KSTACK_AREA % KSTACK_STRIDE == 0, "slots must be aligned to their size");
	for (unsigned long va = KSTACK_AREA; va < KSTACK_AREA + KSTACK_SLOTS * KSTACK_STRIDE;
	     va += PAGE_SIZE)
		if (!walk(kernel_pgtable, va, true))
			panic("kstack_init: no frames for page tables");
}

unsigned long kstack_alloc(void)
{
	unsigned long flags, base;
	int slot = -1;

	spin_lock_irqsave(&kstack_lock, flags);
	for (int i = 0; i < KSTACK_SLOTS && slot < 0; i++)
		if (!slot_used[i])
			slot = i;
	if (slot >= 0)
		slot_used[slot] = true;
	spin_unlock_irqrestore(&kstack_lock, flags);
	if (slot < 0)
		return 0;
	base = KSTACK_AREA + (unsigned long)slot * KSTACK_STRIDE + KSTACK_SIZE; /* above the guard */
	for (unsigned long off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		struct page *page = alloc_page();

		if (!page || map_page(kernel_pgtable, base + off, page_to_phys(page), PAGE_KERNEL)) {
			if (page)
				put_page(page);
			kstack_free(base + KSTACK_SIZE); /* frees the pages mapped so far */
			return 0;
		}
	}
	return base + KSTACK_SIZE;
}

void kstack_free(unsigned long top)
{
	unsigned long base = top - KSTACK_SIZE;
	unsigned long slot = (base - KSTACK_SIZE - KSTACK_AREA) / KSTACK_STRIDE;
	unsigned long flags;

	for (unsigned long off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		phys_addr_t pa;

		if (unmap_page(kernel_pgtable, base + off, &pa) == 0)
			put_page(pfn_to_page(pa >> PAGE_SHIFT));
	}
	spin_lock_irqsave(&kstack_lock, flags);
	slot_used[slot] = false;
	spin_unlock_irqrestore(&kstack_lock, flags);
}
