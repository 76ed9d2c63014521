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

/*
 * Above this many pages, reloading CR3 costs less than one invlpg per page, counting
 * the misses that refill the entries it needlessly dropped (Linux's
 * tlb_single_page_flush_ceiling).
 */
#define TLB_SINGLE_PAGE_FLUSH_CEILING 33

void arch_flush_tlb_range(unsigned long start, unsigned long end)
{
	if ((end - start) / PAGE_SIZE > TLB_SINGLE_PAGE_FLUSH_CEILING) {
		/*
		 * Writing CR3 drops every translation that is not global (Intel SDM vol. 3A,
		 * 4.10.4.1); user pages never are, so the range goes with the rest.
		 */
		write_cr3(read_cr3());
		return;
	}
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		arch_flush_tlb_page(va);
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
