/*
 * The VMAs of an mm: an address-ordered list for walking, and an AVL tree keyed by
 * vm_start for O(log n) lookup (find_vma, with a last-hit cache) and O(log n) free-range
 * search (find_free_range). Caller holds mm->mmap_lock (or owns the mm alone).
 *
 * Free gaps. The gap of a VMA is the free range just below it: from the end of the VMA
 * before it (or, for the lowest VMA, from MMAP_MIN_ADDR) up to its vm_start. Each VMA
 * also keeps vm_subtree_gap, the largest gap of any VMA in its subtree of the tree (the
 * tree is augmented, lib/avl.h; Linux kept the same in rb_subtree_gap before the maple
 * tree, which tracks gaps per node too). A subtree whose largest gap is smaller than a
 * request need not be looked into, so the search descends the tree once instead of
 * walking every VMA. A gap depends on the VMA below, so moving a VMA's end, or linking
 * or unlinking a VMA, changes the gap of the VMA above it: the functions here update it.
 */
#include <mm/vma_tree.h>

static inline struct vm_area_struct *vma_of(struct avl_node *n)
{
	return n ? avl_entry(n, struct vm_area_struct, vm_node) : NULL;
}

static int vma_cmp(const struct avl_node *a, const struct avl_node *b)
{
	unsigned long x = vma_of((struct avl_node *)a)->vm_start;
	unsigned long y = vma_of((struct avl_node *)b)->vm_start;

	return x < y ? -1 : x > y;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *cached = mm->mmap_cache, *best = NULL;
	struct avl_node *n = mm->mm_tree.node;

	if (cached && cached->vm_start <= addr && addr < cached->vm_end)
		return cached;
	while (n) {
		struct vm_area_struct *vma = vma_of(n);

		if (vma->vm_end > addr) {
			best = vma;
			if (vma->vm_start <= addr)
				break;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	if (best)
		mm->mmap_cache = best;
	return best;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}

struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	return vma->vm_list.prev == &vma->vm_mm->mmap ? NULL :
	       list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

struct vm_area_struct *vma_next(struct vm_area_struct *vma)
{
	return vma->vm_list.next == &vma->vm_mm->mmap ? NULL :
	       list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

bool range_is_free(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return !vma || vma->vm_start >= end;
}

/*
 * The free bytes just below vma, where find_free_range() may place a mapping. Inline:
 * the augment callback runs on every level of every climb.
 */
static inline unsigned long vma_gap(struct vm_area_struct *vma)
{
	struct list_head *prev = vma->vm_list.prev;
	unsigned long floor = prev == &vma->vm_mm->mmap ? MMAP_MIN_ADDR :
			      list_entry(prev, struct vm_area_struct, vm_list)->vm_end;

	return vma->vm_start > floor ? vma->vm_start - floor : 0;
}

static inline unsigned long subtree_gap(struct avl_node *n)
{
	return n ? vma_of(n)->vm_subtree_gap : 0;
}

/*
 * The tree's augment callback: n's largest gap is its own or one of its children's.
 * True if it changed.
 */
static bool vma_gap_augment(struct avl_node *n)
{
	struct vm_area_struct *vma = vma_of(n);
	unsigned long gap = MAX(vma_gap(vma), subtree_gap(n->left));

	gap = MAX(gap, subtree_gap(n->right));
	if (gap == vma->vm_subtree_gap)
		return false;
	vma->vm_subtree_gap = gap;
	return true;
}

/* vma's own gap changed in place: bring the largest gaps above it up to date. */
static void vma_gap_changed(struct vm_area_struct *vma)
{
	if (vma)
		avl_augment_propagate(&vma->vm_node, vma_gap_augment);
}

/*
 * Can a mapping of len bytes go in vma's gap, ending at or below top? The gap starts at
 * vm_start - vma_gap(vma) and ends at vm_start.
 */
static bool gap_fits(struct vm_area_struct *vma, unsigned long len, unsigned long top)
{
	unsigned long gap = vma_gap(vma);

	return gap >= len && vma->vm_start - gap + len <= top;
}

/*
 * The highest free range of len bytes (page-aligned, not 0) ending at or below
 * mm->mmap_base and starting at or above MMAP_MIN_ADDR (or at a VMA's end); 0 if none.
 * First the gap above the highest VMA, which no VMA's gap covers; then the tree, right
 * (higher) subtrees first, skipping every subtree whose largest gap is too small and
 * every right subtree whose gaps all start above top - len. A subtree entered on its
 * largest gap holds a gap that fits unless top cut it, and top cuts the gaps of one
 * path only, so the search is O(log n).
 */
unsigned long find_free_range(struct mm_struct *mm, unsigned long len)
{
	unsigned long top = mm->mmap_base;
	struct vm_area_struct *last = list_empty(&mm->mmap) ? NULL :
				      list_entry(mm->mmap.prev, struct vm_area_struct, vm_list);
	unsigned long floor = last ? last->vm_end : MMAP_MIN_ADDR;
	struct avl_node *n = mm->mm_tree.node;
	bool right_done = false; /* n's right subtree was searched already */

	if (floor < top && top - floor >= len)
		return top - len;
	while (n) {
		struct vm_area_struct *vma = vma_of(n);

		/* Every gap in the right subtree starts at vma->vm_end or above. */
		if (!right_done && subtree_gap(n->right) >= len && vma->vm_end + len <= top) {
			n = n->right;
			continue;
		}
		if (gap_fits(vma, len, top))
			return MIN(vma->vm_start, top) - len;
		if (subtree_gap(n->left) >= len) {
			n = n->left;
			right_done = false;
			continue;
		}
		/*
		 * Nothing here or below: climb past the nodes whose left subtree this was
		 * (they were looked at before it) to the one whose right subtree it was,
		 * which is next in descending order.
		 */
		while (n->parent && n->parent->left == n)
			n = n->parent;
		n = n->parent;
		right_done = true;
	}
	return 0;
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	vma->vm_mm = mm;
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	avl_insert_augmented(&mm->mm_tree, &vma->vm_node, vma_cmp, vma_gap_augment);
	mm->map_count++;
	vma_gap_changed(next); /* its gap now ends at vma */
}

void vma_unlink(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *next = vma_next(vma);

	list_del(&vma->vm_list);
	avl_erase_augmented(&mm->mm_tree, &vma->vm_node, vma_gap_augment);
	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;
	mm->map_count--;
	vma_gap_changed(next); /* its gap now reaches down over vma's range */
}

void vma_set_start(struct vm_area_struct *vma, unsigned long new_start)
{
	struct mm_struct *mm = vma->vm_mm;

	/* The tree's key changes: take it out and put it back (its gap is recomputed). */
	avl_erase_augmented(&mm->mm_tree, &vma->vm_node, vma_gap_augment);
	if (vma->vm_inode)
		vma->vm_pgoff -= (vma->vm_start - new_start) >> PAGE_SHIFT;
	vma->vm_start = new_start;
	avl_insert_augmented(&mm->mm_tree, &vma->vm_node, vma_cmp, vma_gap_augment);
}

void vma_set_end(struct vm_area_struct *vma, unsigned long new_end)
{
	vma->vm_end = new_end;
	vma_gap_changed(vma_next(vma)); /* the gap above vma starts at its end */
}
