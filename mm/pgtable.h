/*
 * Page tables, walked by generic code. Both arches use a radix tree of 4 KiB tables of
 * 512 eight-byte entries (Sv39: 3 levels, x86_64: 4 levels); level 0 holds the leaf
 * entries that map 4 KiB pages. What the bits of an entry mean is the arch's business
 * (asm/pgtable.h): generic code asks through pte_present(), pte_pfn(), mk_pte() and friends,
 * and speaks of permissions with the PAGE_* bits below.
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include <lib/list.h>
#include <types.h>

/* Generic permissions of a mapping, turned into hardware bits by mk_pte(). */
#define PAGE_R      0x01 /* readable */
#define PAGE_W      0x02 /* writable */
#define PAGE_X      0x04 /* executable */
#define PAGE_U      0x08 /* user-accessible */
#define PAGE_GLOBAL 0x10 /* same in every address space: not flushed on a switch */
#define PAGE_IO     0x20 /* device memory: uncached where the arch can say so */

/* Linux's names for the usual kernel protections. */
#define PAGE_KERNEL     (PAGE_R | PAGE_W | PAGE_GLOBAL)
#define PAGE_KERNEL_RO  (PAGE_R | PAGE_GLOBAL)
#define PAGE_KERNEL_ROX (PAGE_R | PAGE_X | PAGE_GLOBAL)
#define PAGE_KERNEL_IO  (PAGE_KERNEL | PAGE_IO)

typedef u64 pte_t;

#include <asm/pgtable.h>

/* The physical address an entry points at: a frame, or the next-level table. */
static inline phys_addr_t pte_pa(pte_t pte)
{
	return (phys_addr_t)pte_pfn(pte) << PAGE_SHIFT;
}

#define PTRS_PER_TABLE 512
#define PT_INDEX_BITS  9

/* Index of va in a table at level (0 = leaf level). */
static inline unsigned int pt_index(unsigned long va, int level)
{
	return (va >> (PAGE_SHIFT + PT_INDEX_BITS * level)) & (PTRS_PER_TABLE - 1);
}

/*
 * Return the address of the leaf PTE for va in the tree at root. If alloc, create the
 * missing intermediate tables (returns NULL if out of frames); otherwise return NULL
 * when one is missing. Never returns a huge (non-level-0) leaf.
 */
pte_t *walk(pte_t *root, unsigned long va, bool alloc);
/* walk(root, va, true), adding to *nr_tables the number of tables it had to make. */
pte_t *walk_alloc(pte_t *root, unsigned long va, unsigned long *nr_tables);
/*
 * For loops over big ranges, which descend once per table, not once per page: the leaf
 * PTE of va like walk(root, va, false), and *next = the end of what that leaf table maps
 * (the PTEs of [va, *next) follow it in memory, so the loop steps through them with
 * pte++). When an intermediate table is missing: NULL, and *next = the end of the range
 * the missing table would map, so the loop skips all of it.
 */
pte_t *walk_range(pte_t *root, unsigned long va, unsigned long *next);
/* Descents from a root so far (walk, walk_alloc, walk_range): /proc/vmstat's
 * faultline_pgtable_walk, which shows that range loops descend once per table. */
extern unsigned long nr_pgtable_walks;
/* Map one page; -EEXIST if va is already mapped, -ENOMEM if a table can't be allocated. */
int map_page(pte_t *root, unsigned long va, phys_addr_t pa, unsigned int prot);
/* Map [va, va+size) to [pa, pa+size); all page-aligned. Fails like map_page. */
int map_range(pte_t *root, unsigned long va, phys_addr_t pa, u64 size, unsigned int prot);
/* Remove the mapping of va and flush it from the TLB; -ENOENT if it was not mapped. */
int unmap_page(pte_t *root, unsigned long va, phys_addr_t *old_pa);
/* The physical address va maps to and its protections, or -ENOENT. */
int translate(pte_t *root, unsigned long va, phys_addr_t *pa, unsigned int *prot);
/*
 * The end of what the user half of a top-level table maps: its first 256 entries (the
 * other 256, the kernel half, are shared by every address space and never change).
 */
#define PGTABLE_USER_END (1UL << (PAGE_SHIFT + PT_INDEX_BITS * PGTABLE_LEVELS - 1))

/*
 * Free the page tables below root that overlap [addr, end) and map nothing outside
 * [floor, ceiling) (Linux's free_pgd_range(); the rule is in pgtable.c). The caller has
 * already cleared every leaf in [floor, ceiling). Each freed table's entry in its parent
 * is cleared and its frame put on *freed (page->list) for the caller to free after the
 * TLB flush the architecture needs; root itself and the kernel half are never touched.
 * Returns how many tables went on *freed.
 */
unsigned long free_pgd_range(pte_t *root, unsigned long addr, unsigned long end,
			     unsigned long floor, unsigned long ceiling, struct list_head *freed);
/* A new empty top-level table, or NULL. */
pte_t *pgtable_alloc(void);
/* Free every table frame below root and root itself (not the mapped frames). */
void pgtable_free(pte_t *root);
/* The same for a process's table: only the user half is its own (mapped frames must
 * already be unmapped); the kernel half's tables are shared and stay. */
void pgtable_free_user(pte_t *root);
/* Give every kernel-half top-level entry a table, so that copying those entries into a
 * new address space shares every kernel mapping made later (ioremap, kernel stacks). */
int pgtable_prealloc_kernel_half(pte_t *root);
/* Call fn for every leaf mapping in the tree, in address order. */
void pgtable_for_each_leaf(pte_t *root, void (*fn)(unsigned long va, pte_t pte, void *arg),
			   void *arg);

/* The kernel's page table, in use from paging_init() on. */
extern pte_t *kernel_pgtable;

/* Build kernel_pgtable (direct map + W^X kernel image) and switch to it. */
void paging_init(void);
/* Map a device's registers; returns the virtual address or NULL. */
void *ioremap(phys_addr_t pa, u64 size);

#endif
