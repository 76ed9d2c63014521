/* The generic page-table walk, on a private tree and on the live kernel tree. */
#include <arch.h>
#include <errno.h>
#include <kernel/test/ktest.h>
#include <kernel/uaccess.h>
#include <mm/frame.h>
#include <mm/pgtable.h>

struct leaf_log {
	int count;
	unsigned long va[4];
	phys_addr_t pa[4];
};

static void log_leaf(unsigned long va, pte_t pte, void *arg)
{
	struct leaf_log *log = arg;

	if (log->count < 4) {
		log->va[log->count] = va;
		log->pa[log->count] = pte_pa(pte);
	}
	log->count++;
}

KTEST(pgtable_map_walk_unmap)
{
	unsigned long before = nr_free_frames();
	pte_t *root = pgtable_alloc();
	const unsigned long low = 0x12345000UL, high = VMALLOC_START + 0x3000;
	const phys_addr_t pa1 = 0x80123000UL, pa2 = 0x80456000UL;
	struct leaf_log log = { 0 };
	phys_addr_t pa;
	unsigned int prot;

	KEXPECT(root != NULL);
	if (!root)
		return;
	KEXPECT_EQ(map_page(root, low, pa1, PAGE_R | PAGE_W | PAGE_U), 0);
	KEXPECT_EQ(map_page(root, high, pa2, PAGE_KERNEL_ROX), 0);
	KEXPECT_EQ(map_page(root, low, pa2, PAGE_R), -EEXIST);

	KEXPECT_EQ(translate(root, low + 0x123, &pa, &prot), 0);
	KEXPECT_EQ(pa, pa1 + 0x123);
	KEXPECT_EQ(prot, PAGE_R | PAGE_W | PAGE_U);
	KEXPECT_EQ(translate(root, high, &pa, &prot), 0);
	KEXPECT_EQ(pa, pa2);
	KEXPECT_EQ(prot, PAGE_KERNEL_ROX);
	KEXPECT_EQ(translate(root, low + PAGE_SIZE, &pa, NULL), -ENOENT);

	/* The tree walk reports both leaves, in order, with canonical addresses. */
	pgtable_for_each_leaf(root, log_leaf, &log);
	KEXPECT_EQ(log.count, 2);
	KEXPECT_EQ(log.va[0], low);
	KEXPECT_EQ(log.pa[0], pa1);
	KEXPECT_EQ(log.va[1], high);
	KEXPECT_EQ(log.pa[1], pa2);

	KEXPECT_EQ(unmap_page(root, low, &pa), 0);
	KEXPECT_EQ(pa, pa1);
	KEXPECT_EQ(translate(root, low, &pa, NULL), -ENOENT);
	KEXPECT_EQ(unmap_page(root, low, NULL), -ENOENT);

	/* Every table frame (root and intermediates) goes back. */
	pgtable_free(root);
	KEXPECT_EQ(nr_free_frames(), before);
}

KTEST(pgtable_hardware_uses_tables)
{
	struct page *page = alloc_zeroed_page();
	unsigned long va = VMALLOC_START + 0x5000;
	volatile u64 *through_va = (volatile u64 *)va;
	u64 *through_direct_map;
	u64 val = 0;

	KEXPECT(page != NULL);
	if (!page)
		return;
	through_direct_map = page_address(page);
	KEXPECT_EQ(get_kernel_nofault(val, (u64 *)va), -EFAULT); /* not mapped yet */
	KEXPECT_EQ(map_page(kernel_pgtable, va, page_to_phys(page), PAGE_KERNEL), 0);
	*through_va = 0xfa17113eUL;                 /* the MMU walks our new entries */
	KEXPECT_EQ(*through_direct_map, 0xfa17113eUL); /* same frame, other mapping */
	KEXPECT_EQ(unmap_page(kernel_pgtable, va, NULL), 0);
	/* unmap_page flushed the TLB: the stale translation must be gone. */
	KEXPECT_EQ(get_kernel_nofault(val, (u64 *)va), -EFAULT);
	put_page(page);
}

/* Put back every table frame free_pgd_range() listed; returns how many. */
static unsigned long put_freed(struct list_head *freed)
{
	struct list_head *pos, *tmp;
	unsigned long n = 0;

	list_for_each_safe(pos, tmp, freed) {
		list_del(pos);
		put_page(list_entry(pos, struct page, list));
		n++;
	}
	return n;
}

/*
 * free_pgd_range() frees exactly the tables whose span lies in [floor, ceiling): not a
 * leaf table a neighbour still shares, all levels above a lone page, never the kernel
 * half (its ceiling is clamped at PGTABLE_USER_END), never the root.
 */
/* LAB: pagetables 30 */
KTEST(pgtable_free_range_floor_ceiling)
{
	unsigned long before = nr_free_frames();
	pte_t *root = pgtable_alloc();
	const unsigned long gib = 1UL << 30, a = gib + PAGE_SIZE, n = gib + (1UL << 20);
	const unsigned long b = 2 * gib + 3 * (2UL << 20) + 5 * PAGE_SIZE;
	const unsigned long high = VMALLOC_START + 0x7000;
	const phys_addr_t pa = 0x80123000UL;
	LIST_HEAD(freed);

	KEXPECT(root != NULL);
	if (!root)
		return;
	KEXPECT_EQ(map_page(root, a, pa, PAGE_R | PAGE_U), 0);
	KEXPECT_EQ(map_page(root, b, pa, PAGE_R | PAGE_U), 0);
	KEXPECT_EQ(map_page(root, high, pa, PAGE_KERNEL_RO), 0);

	/* a's leaf table also spans n, where the mapping above starts: it stays, though
	 * that mapping has no page yet; likewise b's, if a mapping ends just below b. */
	KEXPECT_EQ(unmap_page(root, a, NULL), 0);
	KEXPECT_EQ(free_pgd_range(root, a, a + PAGE_SIZE, 0, n, &freed), 0);
	KEXPECT_EQ(unmap_page(root, b, NULL), 0);
	KEXPECT_EQ(free_pgd_range(root, b, b + PAGE_SIZE, b - PAGE_SIZE, PGTABLE_USER_END, &freed),
		   0);
	KEXPECT_EQ(map_page(root, n, pa, PAGE_R | PAGE_U), 0);

	/* b alone in its 1 GiB: its leaf table and the one above go, n's stay. */
	KEXPECT_EQ(free_pgd_range(root, b, b + PAGE_SIZE, n + PAGE_SIZE, PGTABLE_USER_END, &freed),
		   2);
	KEXPECT_EQ(put_freed(&freed), 2);
	KEXPECT_EQ(translate(root, n, NULL, NULL), 0);
	KEXPECT_EQ(translate(root, b, NULL, NULL), -ENOENT);

	/* A table that still maps something stays, whatever floor and ceiling say. */
	KEXPECT_EQ(free_pgd_range(root, 0, ~0UL, 0, ~0UL, &freed), 0);
	KEXPECT_EQ(translate(root, n, NULL, NULL), 0);

	/* Nothing left below: every user table but the root, and the kernel half stays. */
	KEXPECT_EQ(unmap_page(root, n, NULL), 0);
	KEXPECT_EQ(free_pgd_range(root, 0, ~0UL, 0, ~0UL, &freed), PGTABLE_LEVELS - 1);
	KEXPECT_EQ(put_freed(&freed), PGTABLE_LEVELS - 1);
	KEXPECT_EQ(translate(root, high, NULL, NULL), 0);
	for (unsigned int i = 0; i < PTRS_PER_TABLE / 2; i++)
		KEXPECT_EQ(root[i], 0);

	pgtable_free(root);
	KEXPECT_EQ(nr_free_frames(), before);
}
