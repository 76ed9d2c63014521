/* Switching page tables and flushing the TLB (privileged spec 4.1.11 satp, 4.2.1 sfence.vma). */
#include <arch.h>
#include <asm/csr.h>
#include <asm/memory.h>

void arch_switch_pgtable(phys_addr_t root)
{
	csr_write(satp, SATP_MODE_SV39 | (root >> PAGE_SHIFT));
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

void arch_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("sfence.vma %0" : : "r"(va) : "memory");
}

void arch_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

/*
 * Above this many pages, one sfence.vma of everything costs less than one per page,
 * counting the misses that refill the entries it needlessly dropped (Linux's riscv
 * tlb_flush_all_threshold).
 */
#define TLB_FLUSH_ALL_THRESHOLD 64

void arch_flush_tlb_range(unsigned long start, unsigned long end)
{
	if ((end - start) / PAGE_SIZE > TLB_FLUSH_ALL_THRESHOLD) {
		arch_flush_tlb_all();
		return;
	}
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		arch_flush_tlb_page(va);
}

void arch_flush_tlb_pgtables(unsigned long start, unsigned long end)
{
	(void)start;
	(void)end;
	/*
	 * sfence.vma with an address only covers leaf PTEs for it; a change to a non-leaf
	 * PTE needs rs1 = x0, which invalidates cached entries of every level (privileged
	 * spec 4.2.1).
	 */
	arch_flush_tlb_all();
}
