/*
 * x86_64 4-level page-table entries (Intel SDM vol. 3A, 4.5, tables 4-14 to 4-20):
 * PML4 -> PDPT -> PD -> PT, 512 entries each. Permissions are the AND of every level,
 * so the intermediate entries are permissive (present, writable, user) and the leaf
 * decides. Readable is implied by present. Included by mm/pgtable.h only: use that.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm/memory.h>

#define PGTABLE_LEVELS 4

/* Can a page that is only executable be read? On x86 yes: present means readable. */
#define ARCH_EXEC_IMPLIES_READ 1

#define _PAGE_PRESENT  (1UL << 0)
#define _PAGE_RW       (1UL << 1)  /* writable */
#define _PAGE_USER     (1UL << 2)  /* user mode may access */
#define _PAGE_PWT      (1UL << 3)  /* write-through */
#define _PAGE_PCD      (1UL << 4)  /* cache disabled */
#define _PAGE_ACCESSED (1UL << 5)
#define _PAGE_DIRTY    (1UL << 6)
#define _PAGE_PSE      (1UL << 7)  /* in a PDPT or PD entry: a 1 GiB or 2 MiB leaf */
#define _PAGE_GLOBAL   (1UL << 8)  /* kept in the TLB across CR3 loads (with CR4.PGE) */
#define _PAGE_PROTNONE (1UL << 9)  /* software bit: a PROT_NONE page, P clear */
#define _PAGE_SWAP     (1UL << 10) /* software bit: a swap entry, P clear */
#define _PAGE_UFFD_WP  (1UL << 11) /* software bit: write-protected by a user pager */
#define _PAGE_NX       (1UL << 63) /* no execute (with EFER.NXE) */
#define _PAGE_ADDR_MASK 0x000ffffffffff000UL

/* Nothing at all here (not even a PROT_NONE page). */
static inline bool pte_none(pte_t pte)
{
	return pte == 0;
}

static inline bool pte_present(pte_t pte)
{
	return pte & _PAGE_PRESENT;
}

/*
 * Swap entries: not present, so any access faults, but carrying a value for the fault
 * handler (Linux's swp_entry_t): a poisoned page now, a page on the swap disk later.
 */
static inline pte_t pte_mkswap(unsigned long val)
{
	return (val << PAGE_SHIFT) | _PAGE_SWAP;
}

static inline bool pte_is_swap(pte_t pte)
{
	return !(pte & _PAGE_PRESENT) && (pte & _PAGE_SWAP);
}

static inline unsigned long pte_swap_val(pte_t pte)
{
	return (pte & ~_PAGE_NX) >> PAGE_SHIFT;
}

static inline bool pte_is_leaf(pte_t pte, int level)
{
	return level == 0 || (pte & _PAGE_PSE);
}

/* The frame number an entry points at (Linux's pte_pfn): address bits 51-12. */
static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte & _PAGE_ADDR_MASK) >> PAGE_SHIFT;
}

/*
 * A leaf mapping pa with the generic protections prot (PAGE_R etc.). Present means
 * readable on x86, so PROT_NONE (no R, W or X) keeps the frame with P clear.
 */
static inline pte_t mk_pte(phys_addr_t pa, unsigned int prot)
{
	pte_t pte = (pa & _PAGE_ADDR_MASK) | _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY;

	if (!(prot & (PAGE_R | PAGE_W | PAGE_X)))
		return (pa & _PAGE_ADDR_MASK) | _PAGE_PROTNONE;

	if (prot & PAGE_W)
		pte |= _PAGE_RW;
	if (!(prot & PAGE_X))
		pte |= _PAGE_NX;
	if (prot & PAGE_U)
		pte |= _PAGE_USER;
	if (prot & PAGE_GLOBAL)
		pte |= _PAGE_GLOBAL;
	if (prot & PAGE_IO)
		pte |= _PAGE_PCD | _PAGE_PWT;
	return pte;
}

/* A non-leaf entry pointing at the next-level table at pa. */
static inline pte_t mk_table_pte(phys_addr_t pa)
{
	return (pa & _PAGE_ADDR_MASK) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;
}

/* The generic protections of a leaf (the inverse of mk_pte, minus PAGE_IO). */
static inline unsigned int pte_prot(pte_t pte)
{
	unsigned int prot = PAGE_R;

	if (pte & _PAGE_RW)
		prot |= PAGE_W;
	if (!(pte & _PAGE_NX))
		prot |= PAGE_X;
	if (pte & _PAGE_USER)
		prot |= PAGE_U;
	if (pte & _PAGE_GLOBAL)
		prot |= PAGE_GLOBAL;
	return prot;
}

/*
 * uffd-wp: a page a user pager write-protected (UFFDIO_WRITEPROTECT, or UFFDIO_COPY with
 * MODE_WP). The entry is read-only and carries _PAGE_UFFD_WP, bit 11, one the MMU
 * ignores ("Ignored" in Intel SDM vol. 3A 4.5, table 4-19), so that a write fault can
 * tell the pager's protection from copy on write. Entries that map a frame carry it:
 * present ones, and PROT_NONE ones (P clear, the frame kept), so that mprotect to
 * PROT_NONE and back keeps the protection; a page never populated carries it as a PTE
 * marker instead (mm/pte_marker.h).
 */
static inline bool pte_maps_frame(pte_t pte)
{
	return pte & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

static inline bool pte_uffd_wp(pte_t pte)
{
	return pte_maps_frame(pte) && (pte & _PAGE_UFFD_WP);
}

/* pte write-protected for the pager (entries that map a frame; others are returned as
 * they are). */
static inline pte_t pte_mkuffd_wp(pte_t pte)
{
	return pte_maps_frame(pte) ? (pte | _PAGE_UFFD_WP) & ~_PAGE_RW : pte;
}

/* pte without the pager's mark; it stays read-only (the next write fault decides). */
static inline pte_t pte_clear_uffd_wp(pte_t pte)
{
	return pte_maps_frame(pte) ? pte & ~_PAGE_UFFD_WP : pte;
}

#endif
