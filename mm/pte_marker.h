/*
 * PTE markers (Linux's include/linux/swapops.h): a non-present entry that maps nothing
 * but remembers something about the page for the next fault. It is a swap entry (so
 * every access faults and zap, fork and the /proc views already step around it) of one
 * reserved type, SWP_PTE_MARKER, whose offset bits say which marks it carries.
 *
 * The one mark today is PTE_MARKER_UFFD_WP: a page a user pager write-protected before
 * it was ever populated (UFFD_FEATURE_WP_UNPOPULATED). The fault on it fills the page
 * as for an empty entry, but keeps the protection: a read maps the zero page
 * write-protected, a write then goes to the pager. Everything else treats a marker as
 * an empty entry (pte_none_mostly()): mincore, and the pager's UFFDIO_COPY may fill it.
 */
#ifndef MM_PTE_MARKER_H
#define MM_PTE_MARKER_H

#include <mm/pgtable.h>

#define SWP_TYPE_BITS  5  /* a swap value's type is its low 5 bits, as pagemap shows */
#define SWP_PTE_MARKER 31 /* the type of a marker (Linux's comes out 31 on x86_64 too) */

#define PTE_MARKER_UFFD_WP 1UL /* write-protected by a user pager while unpopulated */

/* A marker entry carrying the marks in marker. */
static inline pte_t make_pte_marker(unsigned long marker)
{
	return pte_mkswap(SWP_PTE_MARKER | (marker << SWP_TYPE_BITS));
}

static inline bool is_pte_marker(pte_t pte)
{
	return pte_is_swap(pte) &&
	       (pte_swap_val(pte) & ((1UL << SWP_TYPE_BITS) - 1)) == SWP_PTE_MARKER;
}

/* Does pte hold the uffd-wp marker of an unpopulated page? */
static inline bool pte_marker_uffd_wp(pte_t pte)
{
	return is_pte_marker(pte) && ((pte_swap_val(pte) >> SWP_TYPE_BITS) & PTE_MARKER_UFFD_WP);
}

/* Nothing mapped here: an empty entry, or only a marker (Linux's pte_none_mostly). */
static inline bool pte_none_mostly(pte_t pte)
{
	return pte_none(pte) || is_pte_marker(pte);
}

#endif
