/*
 * Sv39 page-table entries (RISC-V privileged spec, 4.4.1 and 4.3.1): 3 levels of 512
 * entries. An entry is valid with V set; it is a leaf if any of R, W, X is set, and a
 * pointer to the next-level table if all three are clear. The physical page number sits
 * in bits 53:10. Included by mm/pgtable.h only: use that.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm/memory.h>

#define PGTABLE_LEVELS 3

/* Can a page that is only executable be read? Not on RISC-V (R is its own bit), so a
 * load needs VM_READ or VM_WRITE, as Linux riscv's access_error() says. */
#define ARCH_EXEC_IMPLIES_READ 0

#define _PAGE_V (1UL << 0) /* valid */
#define _PAGE_R (1UL << 1) /* readable */
#define _PAGE_W (1UL << 2) /* writable */
#define _PAGE_X (1UL << 3) /* executable */
#define _PAGE_U (1UL << 4) /* user mode may access */
#define _PAGE_G (1UL << 5) /* global: in every address space */
#define _PAGE_A (1UL << 6) /* accessed */
#define _PAGE_D (1UL << 7) /* dirty */
#define _PAGE_PROT_NONE (1UL << 8) /* software bit (RSW): a PROT_NONE page, V clear */
#define _PAGE_SWAP      (1UL << 9) /* software bit (RSW): a swap entry, V clear */
#define _PAGE_UFFD_WP   (1UL << 9) /* software bit (RSW): write-protected by a user
				      pager, V set (the same bit as _PAGE_SWAP: V tells) */
#define _PAGE_UFFD_WP_PROT_NONE (1UL << 7) /* the same mark on a PROT_NONE entry, V clear:
					      D means nothing there (4.3.1) */
#define _PAGE_PPN_SHIFT 10

/* Nothing at all here (not even a PROT_NONE page). */
static inline bool pte_none(pte_t pte)
{
	return pte == 0;
}

static inline bool pte_present(pte_t pte)
{
	return pte & _PAGE_V;
}

/*
 * Swap entries: not valid, so any access faults, but carrying a value for the fault
 * handler (Linux's swp_entry_t): a poisoned page now, a page on the swap disk later.
 */
static inline pte_t pte_mkswap(unsigned long val)
{
	return (val << _PAGE_PPN_SHIFT) | _PAGE_SWAP;
}

static inline bool pte_is_swap(pte_t pte)
{
	return !(pte & _PAGE_V) && (pte & _PAGE_SWAP);
}

static inline unsigned long pte_swap_val(pte_t pte)
{
	return pte >> _PAGE_PPN_SHIFT;
}

static inline bool pte_is_leaf(pte_t pte, int level)
{
	(void)level; /* on Sv39 any level may hold a leaf: R, W or X say so */
	return pte & (_PAGE_R | _PAGE_W | _PAGE_X);
}

/* The frame number an entry points at (Linux's pte_pfn): the 44-bit PPN (4.4.1). */
static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte >> _PAGE_PPN_SHIFT) & ((1UL << 44) - 1);
}

/*
 * A leaf mapping pa with the generic protections prot (PAGE_R etc.). Without R, W and X
 * (PROT_NONE) the entry keeps the frame but is not valid, so any access faults.
 */
static inline pte_t mk_pte(phys_addr_t pa, unsigned int prot)
{
	pte_t pte = ((pa >> PAGE_SHIFT) << _PAGE_PPN_SHIFT) | _PAGE_V;

	if (!(prot & (PAGE_R | PAGE_W | PAGE_X)))
		return ((pa >> PAGE_SHIFT) << _PAGE_PPN_SHIFT) | _PAGE_PROT_NONE;

	if (prot & PAGE_R)
		pte |= _PAGE_R;
	if (prot & PAGE_W)
		pte |= _PAGE_W | _PAGE_R; /* W without R is reserved (4.3.1) */
	if (prot & PAGE_X)
		pte |= _PAGE_X;
	if (prot & PAGE_U)
		pte |= _PAGE_U;
	if (prot & PAGE_GLOBAL)
		pte |= _PAGE_G;
	/*
	 * Set A and D up front: hardware may either set them or fault when they are clear
	 * (4.3.1), and the kernel tracks dirtiness itself. PAGE_IO needs nothing on Sv39
	 * without Svpbmt: QEMU's devices are not cached anyway.
	 */
	return pte | _PAGE_A | _PAGE_D;
}

/* A non-leaf entry pointing at the next-level table at pa. */
static inline pte_t mk_table_pte(phys_addr_t pa)
{
	return ((pa >> PAGE_SHIFT) << _PAGE_PPN_SHIFT) | _PAGE_V;
}

/* The generic protections of a leaf (the inverse of mk_pte, minus PAGE_IO). */
static inline unsigned int pte_prot(pte_t pte)
{
	unsigned int prot = 0;

	if (pte & _PAGE_R)
		prot |= PAGE_R;
	if (pte & _PAGE_W)
		prot |= PAGE_W;
	if (pte & _PAGE_X)
		prot |= PAGE_X;
	if (pte & _PAGE_U)
		prot |= PAGE_U;
	if (pte & _PAGE_G)
		prot |= PAGE_GLOBAL;
	return prot;
}

/*
 * uffd-wp: a page a user pager write-protected (UFFDIO_WRITEPROTECT, or UFFDIO_COPY with
 * MODE_WP). A valid entry is read-only and carries _PAGE_UFFD_WP, the upper RSW bit (9),
 * which the MMU ignores ("reserved for use by supervisor software", RISC-V privileged
 * spec 4.3.1), so that a write fault can tell the pager's protection from copy on
 * write. In an invalid entry bit 9 means a swap entry, so a PROT_NONE entry (V clear,
 * the frame kept) carries the mark in bit 7 instead: with V clear every other bit is
 * software's (4.3.1). So mprotect to PROT_NONE and back keeps the protection. A page
 * never populated carries it as a PTE marker (mm/pte_marker.h). Linux riscv64 has no
 * uffd-wp; Faultline's follows x86_64.
 */
static inline pte_t pte_uffd_wp_bit(pte_t pte)
{
	if (pte_present(pte))
		return _PAGE_UFFD_WP;
	return (pte & _PAGE_PROT_NONE) ? _PAGE_UFFD_WP_PROT_NONE : 0;
}

static inline bool pte_uffd_wp(pte_t pte)
{
	return pte & pte_uffd_wp_bit(pte);
}

/* pte write-protected for the pager (entries that map a frame; others are returned as
 * they are). */
static inline pte_t pte_mkuffd_wp(pte_t pte)
{
	return pte_uffd_wp_bit(pte) ? (pte | pte_uffd_wp_bit(pte)) & ~_PAGE_W : pte;
}

/* pte without the pager's mark; it stays read-only (the next write fault decides). */
static inline pte_t pte_clear_uffd_wp(pte_t pte)
{
	return pte & ~pte_uffd_wp_bit(pte);
}

#endif
