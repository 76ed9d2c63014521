/* Switching page tables and flushing the TLB (Intel SDM vol. 3A, 4.10.4). */
#include <arch.h>
#include <asm/processor.h>

void arch_switch_pgtable(phys_addr_t root)
{
	write_cr3(root); /* flushes every non-global translation */
	arch_flush_tlb_all();
}

void arch_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

void arch_flush_tlb_all(void)
{
	unsigned long cr4 = read_cr4();

	/* Toggling CR4.PGE flushes global entries too. */
	write_cr4(cr4 & ~CR4_PGE);
	write_cr4(cr4);
}

void arch_flush_tlb_pgtables(unsigned long start, unsigned long end)
{
	(void)end;
	/*
	 * INVLPG of any address also invalidates every paging-structure-cache entry of the
	 * current PCID, whatever address it was for (Intel SDM vol. 3A, 4.10.4.1): one is
	 * enough for any range.
	 */
	arch_flush_tlb_page(start);
}
