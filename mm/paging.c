/* paging_init(): the kernel's own page table, and ioremap() for devices. */
#include <arch.h>
#include <compiler.h>
#include <errno.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/frame.h>
#include <mm/memblock.h>
#include <mm/pgtable.h>
#include <mm/sections.h>

pte_t *kernel_pgtable;

static void map_or_panic(unsigned long va, phys_addr_t pa, u64 size, unsigned int prot)
{
	int err = map_range(kernel_pgtable, va, pa, size, prot);

	if (err)
		panic("paging_init: cannot map %#lx: error %d", va, err);
}

/* Map one section of the kernel image with its own permissions. */
static void map_section(const char *start, const char *end, unsigned int prot)
{
	unsigned long va = ALIGN_DOWN((unsigned long)start, PAGE_SIZE);

	map_or_panic(va, __pa((void *)va), ALIGN_UP((unsigned long)end, PAGE_SIZE) - va, prot);
}

/*
 * The direct map is RW- except over the kernel's own text and rodata, whose second
 * mapping there must not become a way around their read-only protection.
 */
static unsigned int direct_map_prot(phys_addr_t pa)
{
	if (pa >= __pa(_text) && pa < __pa(_erodata))
		return PAGE_KERNEL_RO;
	return PAGE_KERNEL;
}

/*
 * The kernel's address space, the same on both arches (numbers in asm/memory.h):
 *   PAGE_OFFSET + phys      all RAM, read-write, never executable (the direct map);
 *                           read-only over the kernel's text and rodata
 *   KERNEL_VIRT_BASE + ...  the kernel image, W^X: text R-X, rodata R--, data+bss RW-,
 *                           the symbol table R--
 * No page is ever both writable and executable, and the page below the boot stack is
 * left out so that a stack overflow faults instead of overwriting .bss. The boot code's temporary tables
 * (large, RWX pages) are abandoned when we switch.
 */
void paging_init(void)
{
	kernel_pgtable = pgtable_alloc();
	if (!kernel_pgtable)
		panic("paging_init: no frame for the root table");
	for (int i = 0; i < memblock_memory.count; i++) {
		const struct memblock_region *r = &memblock_memory.regions[i];
		phys_addr_t end = ALIGN_UP(r->base + r->size, PAGE_SIZE);

		for (phys_addr_t pa = ALIGN_DOWN(r->base, PAGE_SIZE); pa < end; pa += PAGE_SIZE) {
			/* Firmware memory marked no-map must not be touched, not even by accident. */
			if (memblock_is_nomap(pa))
				continue;
			map_or_panic((unsigned long)__va(pa), pa, PAGE_SIZE, direct_map_prot(pa));
		}
	}
	map_section(_text, _etext, PAGE_KERNEL_ROX);
	map_section(_rodata, _erodata, PAGE_KERNEL_RO);
	map_section(_data, _bss_end, PAGE_KERNEL);
	map_section(_kallsyms, _end, PAGE_KERNEL_RO);
	/* The guard page below the boot stack stays unmapped: an overflow faults there. */
	unmap_page(kernel_pgtable, (unsigned long)boot_stack_guard, NULL);
	if (pgtable_prealloc_kernel_half(kernel_pgtable))
		panic("paging_init: no frames for the kernel half's tables");
	arch_switch_pgtable(__pa(kernel_pgtable));
}

void *ioremap(phys_addr_t pa, u64 size)
{
	phys_addr_t start = ALIGN_DOWN(pa, PAGE_SIZE);
	phys_addr_t end = ALIGN_UP(pa + size, PAGE_SIZE);

	/* Devices live in the direct-map range at PAGE_OFFSET + phys, like RAM. */
	for (phys_addr_t p = start; p < end; p += PAGE_SIZE) {
		int err = map_page(kernel_pgtable, (unsigned long)__va(p), p, PAGE_KERNEL_IO);

		if (err == -ENOMEM)
			return NULL;
	}
	return __va(pa);
}
