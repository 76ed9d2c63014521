/* The generic page-table walk, for the kernel's tables and every process's user half. */
#include <arch.h>
#include <errno.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/pgtable.h>

/* Sign-extend an index path back into a canonical virtual address (top bit copied up). */
static unsigned long canonical(unsigned long va)
{
	int bits = PAGE_SHIFT + PT_INDEX_BITS * PGTABLE_LEVELS;

	return (unsigned long)((long)(va << (64 - bits)) >> (64 - bits));
}

pte_t *pgtable_alloc(void)
{
	struct page *page = alloc_zeroed_page();

	return page ? page_address(page) : NULL;
}

unsigned long nr_pgtable_walks;

/* walk() and walk_alloc(): if nr_tables, count there each table made. */
static pte_t *walk_tables(pte_t *root, unsigned long va, bool alloc, unsigned long *nr_tables)
{
	pte_t *table = root;

	nr_pgtable_walks++;
	for (int level = PGTABLE_LEVELS - 1; level > 0; level--) {
		pte_t *pte = &table[pt_index(va, level)];

		if (!pte_present(*pte)) {
			struct page *page;

			if (!alloc || !(page = alloc_zeroed_page()))
				return NULL;
			*pte = mk_table_pte(page_to_phys(page));
			if (nr_tables)
				(*nr_tables)++;
		} else if (pte_is_leaf(*pte, level)) {
			return NULL; /* a huge mapping: not ours to split */
		}
		table = __va(pte_pa(*pte));
	}
	return &table[pt_index(va, 0)];
}

pte_t *walk(pte_t *root, unsigned long va, bool alloc)
{
	return walk_tables(root, va, alloc, NULL);
}

pte_t *walk_alloc(pte_t *root, unsigned long va, unsigned long *nr_tables)
{
	return walk_tables(root, va, true, nr_tables);
}

pte_t *walk_range(pte_t *root, unsigned long va, unsigned long *next)
{
	pte_t *table = root;

	nr_pgtable_walks++;
	for (int level = PGTABLE_LEVELS - 1; level > 0; level--) {
		pte_t *pte = &table[pt_index(va, level)];
		unsigned long span = 1UL << (PAGE_SHIFT + PT_INDEX_BITS * level);

		if (!pte_present(*pte) || pte_is_leaf(*pte, level)) {
			*next = ALIGN_DOWN(va, span) + span;
			return NULL;
		}
		table = __va(pte_pa(*pte));
	}
	*next = ALIGN_DOWN(va, PTRS_PER_TABLE * PAGE_SIZE) + PTRS_PER_TABLE * PAGE_SIZE;
	return &table[pt_index(va, 0)];
}

int map_page(pte_t *root, unsigned long va, phys_addr_t pa, unsigned int prot)
{
	pte_t *pte = walk(root, va, true);

	if (!pte)
		return -ENOMEM;
	if (!pte_none(*pte))
		return -EEXIST;
	*pte = mk_pte(pa, prot);
	/* RISC-V may cache "not mapped" too (privileged spec 4.2.1): fence after every change. */
	arch_flush_tlb_page(va);
	return 0;
}

int map_range(pte_t *root, unsigned long va, phys_addr_t pa, u64 size, unsigned int prot)
{
	for (u64 off = 0; off < size; off += PAGE_SIZE) {
		int err = map_page(root, va + off, pa + off, prot);

		if (err)
			return err;
	}
	return 0;
}

int unmap_page(pte_t *root, unsigned long va, phys_addr_t *old_pa)
{
	pte_t *pte = walk(root, va, false);

	if (!pte || pte_none(*pte))
		return -ENOENT;
	if (old_pa)
		*old_pa = pte_pa(*pte);
	*pte = 0;
	arch_flush_tlb_page(va);
	return 0;
}

int translate(pte_t *root, unsigned long va, phys_addr_t *pa, unsigned int *prot)
{
	pte_t *pte = walk(root, va, false);

	if (!pte || !pte_present(*pte))
		return -ENOENT;
	if (pa)
		*pa = pte_pa(*pte) | (va & (PAGE_SIZE - 1));
	if (prot)
		*prot = pte_prot(*pte);
	return 0;
}

/*
 * Visit the tree without recursion (the kernel has none): an explicit stack of
 * (table, next index) per level.
 */
struct walk_state {
	pte_t *table[PGTABLE_LEVELS];
	unsigned int index[PGTABLE_LEVELS];
	unsigned long base[PGTABLE_LEVELS]; /* va covered by entry 0 of table[level] */
};

/*
 * Visit every table below root's entries [0, top_end) bottom-up (root itself last);
 * leaf_fn sees present leaves, table_fn each table.
 */
static void visit(pte_t *root, unsigned int top_end, void (*leaf_fn)(unsigned long, pte_t, void *),
		  void (*table_fn)(pte_t *), void *arg)
{
	struct walk_state s;
	int level = PGTABLE_LEVELS - 1;

	s.table[level] = root;
	s.index[level] = 0;
	s.base[level] = 0;
	while (level < PGTABLE_LEVELS) {
		unsigned int i = s.index[level]++;
		unsigned long span = 1UL << (PAGE_SHIFT + PT_INDEX_BITS * level);
		pte_t pte;

		if (i == (level == PGTABLE_LEVELS - 1 ? top_end : PTRS_PER_TABLE)) {
			if (table_fn)
				table_fn(s.table[level]);
			level++;
			continue;
		}
		pte = s.table[level][i];
		if (!pte_present(pte))
			continue;
		if (level == 0 || pte_is_leaf(pte, level)) {
			if (leaf_fn)
				leaf_fn(canonical(s.base[level] + i * span), pte, arg);
			continue;
		}
		level--;
		s.table[level] = __va(pte_pa(pte));
		s.index[level] = 0;
		s.base[level] = s.base[level + 1] + i * span;
	}
}

void pgtable_for_each_leaf(pte_t *root, void (*fn)(unsigned long va, pte_t pte, void *arg),
			   void *arg)
{
	visit(root, PTRS_PER_TABLE, fn, NULL, arg);
}

static void free_table(pte_t *table)
{
	put_page(virt_to_page(table));
}

void pgtable_free(pte_t *root)
{
	visit(root, PTRS_PER_TABLE, NULL, free_table, NULL);
}

void pgtable_free_user(pte_t *root)
{
	visit(root, PTRS_PER_TABLE / 2, NULL, free_table, NULL);
}

int pgtable_prealloc_kernel_half(pte_t *root)
{
	for (unsigned int i = PTRS_PER_TABLE / 2; i < PTRS_PER_TABLE; i++) {
		struct page *page;

		if (pte_present(root[i]))
			continue;
		page = alloc_zeroed_page();
		if (!page)
			return -ENOMEM;
		root[i] = mk_table_pte(page_to_phys(page));
	}
	return 0;
}

/*
 * Freeing page tables after an unmap (Linux's free_pgtables() and free_pgd_range()).
 *
 * Unmapping clears leaf entries only; the tables that held them stay until nothing can
 * need them again. A table maps one aligned span (2 MiB for a leaf table, 1 GiB for the
 * table above it, and so on). Once [addr, end) is unmapped, the caller passes the gap it
 * now lies in: floor, the end of the mapping below it (0 if none), and ceiling, the
 * start of the mapping above it (PGTABLE_USER_END if none). A table is freed when
 *
 *   - its span overlaps [addr, end): only what this unmap changed is visited, once per
 *     table, so a gap that held no tables costs nothing; and
 *   - its whole span lies inside [floor, ceiling): a table that also maps a part of a
 *     neighbouring mapping stays, even if that part holds nothing yet; and
 *   - it holds no entry any more (after its own emptied children were freed): a check
 *     that the first two rules, which Linux trusts alone, never free a live table.
 *
 * Tables are freed bottom-up, so a freed leaf table can leave its parent empty and freed
 * in turn. The root never goes (its user half dies with the mm in pgtable_free_user()),
 * nor does anything at or above PGTABLE_USER_END: the kernel half's tables are shared.
 *
 * The hardware may still hold a freed table's entries in its caches (x86: the
 * paging-structure caches, Intel SDM vol. 3A 4.10.3; RISC-V: non-leaf PTEs, privileged
 * spec 4.2.1). So the frames go on a list, not back to the allocator: the caller
 * flushes, then frees them, as Linux's mmu_gather does, so the walker can never read
 * a frame that already holds something else.
 */

/* What one entry of a table at level maps: 4 KiB at level 0, 2 MiB at level 1, ... */
static unsigned long entry_span(int level)
{
	return 1UL << (PAGE_SHIFT + PT_INDEX_BITS * level);
}

/* True if no entry of table is in use (not even a swap entry or a PROT_NONE page). */
static bool table_is_empty(const pte_t *table)
{
	for (int i = 0; i < PTRS_PER_TABLE; i++)
		if (!pte_none(table[i]))
			return false;
	return true;
}

/*
 * *entry, an entry of a table at level pointing to a table that maps from start:
 * free that table as the rule above says (clear *entry, list the frame on *freed).
 * Returns 1 if it was freed, else 0.
 */
static unsigned long free_child_table(pte_t *entry, int level, unsigned long start,
				      unsigned long floor, unsigned long ceiling,
				      struct list_head *freed)
{
	pte_t *child = __va(pte_pa(*entry));
	struct page *page = virt_to_page(child);

	if (start < floor || start + entry_span(level) > ceiling || !table_is_empty(child))
		return 0;
	*entry = 0;
	list_add_tail(&page->list, freed);
	return 1;
}

unsigned long free_pgd_range(pte_t *root, unsigned long addr, unsigned long end,
			     unsigned long floor, unsigned long ceiling, struct list_head *freed)
{
	/* LAB pagetables: begin */
	pte_t *table[PGTABLE_LEVELS];     /* the table being visited at each level */
	unsigned long va[PGTABLE_LEVELS]; /* the next address to visit in it */
	unsigned long stop[PGTABLE_LEVELS]; /* where the visit of it ends */
	unsigned long nr_freed = 0;
	int level = PGTABLE_LEVELS - 1;

	ceiling = MIN(ceiling, PGTABLE_USER_END);
	end = MIN(end, ceiling);
	if (addr >= end)
		return 0;
	nr_pgtable_walks++;
	table[level] = root;
	va[level] = addr;
	stop[level] = end;
	/* Depth first without recursion, like visit(); level 0 tables hold leaves only. */
	while (level < PGTABLE_LEVELS) {
		unsigned long span = entry_span(level);
		unsigned long start = ALIGN_DOWN(va[level], span);
		pte_t *entry;

		if (va[level] >= stop[level]) {
			if (++level == PGTABLE_LEVELS)
				break;
			/* Back in the parent: the table just visited may go now. */
			start = ALIGN_DOWN(va[level], entry_span(level));
			nr_freed += free_child_table(&table[level][pt_index(va[level], level)], level,
						     start, floor, ceiling, freed);
			va[level] = start + entry_span(level);
			continue;
		}
		entry = &table[level][pt_index(va[level], level)];
		if (!pte_present(*entry) || pte_is_leaf(*entry, level)) {
			va[level] = start + span; /* nothing below, or a huge page: not ours */
		} else if (level == 1) {
			nr_freed += free_child_table(entry, level, start, floor, ceiling, freed);
			va[level] = start + span;
		} else {
			table[level - 1] = __va(pte_pa(*entry));
			va[level - 1] = va[level];
			stop[level - 1] = MIN(stop[level], start + span);
			level--;
		}
	}
	return nr_freed;
#if 0 /* LAB pagetables: student */
	/*
	 * TODO(pagetables): free the tables the rule above says may go, bottom-up, without
	 * recursion: clear each one's entry in its parent, put its frame on *freed
	 * (list_add_tail(&virt_to_page(table)->list, freed)), and return how many went on
	 * the list. Never the root, nothing at or above PGTABLE_USER_END, never a table that
	 * still holds an entry.
	 *
	 * Until then nothing is freed: an unmapped range keeps its empty tables (a later
	 * mapping there reuses them) until the process exits and pgtable_free_user() frees
	 * the lot. The kernel runs; a process that maps and unmaps all over its address
	 * space piles up tables.
	 */
	(void)root;
	(void)addr;
	(void)end;
	(void)floor;
	(void)ceiling;
	(void)freed;
	(void)free_child_table; /* the helper above is there for you */
	return 0;
#endif /* LAB pagetables: end */
}
