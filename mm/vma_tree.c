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

static __always_inline struct vm_area_struct *vma_of(struct avl_node *n)
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

struct vm_area_struct *last_vma(struct mm_struct *mm)
{
	return list_empty(&mm->mmap) ? NULL : list_entry(mm->mmap.prev, struct vm_area_struct, vm_list);
}

bool range_is_free(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return !vma || vma->vm_start >= end;
}

/*
 * The free bytes just below vma where find_free_range() may place a mapping: from the
 * previous VMA's end (or MMAP_MIN_ADDR) up to vma's start, but never above mmap_base,
 * which no search goes past. With every gap cut there, the largest gap of a subtree is
 * one a mapping can use, and the search never has to turn back. Inline: the augment
 * callback runs on every level of every climb.
 */
static __always_inline unsigned long vma_gap(struct vm_area_struct *vma)
{
	struct list_head *prev = vma->vm_list.prev;
	unsigned long floor = prev == &vma->vm_mm->mmap ? MMAP_MIN_ADDR :
			      list_entry(prev, struct vm_area_struct, vm_list)->vm_end;
	unsigned long ceiling = MIN(vma->vm_start, vma->vm_mm->mmap_base);

	return ceiling > floor ? ceiling - floor : 0;
}

static __always_inline unsigned long subtree_gap(struct avl_node *n)
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
 * The highest free range of len bytes (page-aligned, not 0) ending at or below
 * mm->mmap_base and starting at or above MMAP_MIN_ADDR (or at a VMA's end); 0 if none.
 * First the gap above the highest VMA, which no VMA's gap covers; then down the tree,
 * to the right (higher) subtree whenever its largest gap is big enough, else this VMA's
 * own gap, else the left subtree. Gaps stop at mmap_base (vma_gap()), so a subtree whose
 * largest gap is big enough holds a range that fits: one path from the root, O(log n).
 */
unsigned long find_free_range(struct mm_struct *mm, unsigned long len)
{
	unsigned long top = mm->mmap_base;
	struct vm_area_struct *last = last_vma(mm);
	unsigned long floor = last ? last->vm_end : MMAP_MIN_ADDR;
	struct avl_node *n = mm->mm_tree.node;

	if (floor < top && top - floor >= len)
		return top - len;
	if (subtree_gap(n) < len)
		return 0;
	for (;;) {
		struct vm_area_struct *vma = vma_of(n);

		if (subtree_gap(n->right) >= len)
			n = n->right;
		else if (vma_gap(vma) >= len)
			return MIN(vma->vm_start, top) - len;
		else
			n = n->left; /* the largest gap is there, since it is nowhere else */
	}
}

/*
 * mm->locked_vm counts the pages of VM_LOCKED VMAs (Linux's VmLck). Every change of a
 * VMA's bounds, and every VMA linked or unlinked, comes through here, so the count follows
 * splits, merges, munmap, mremap and exit by itself; only a change of vm_flags (mlock)
 * adjusts it by hand.
 */
static void account_locked_vm(struct vm_area_struct *vma, long bytes)
{
	if (vma->vm_flags & VM_LOCKED)
		vma->vm_mm->locked_vm += (unsigned long)(bytes / (long)PAGE_SIZE);
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	vma->vm_mm = mm;
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	avl_insert_augmented(&mm->mm_tree, &vma->vm_node, vma_cmp, vma_gap_augment);
	mm->map_count++;
	mm->total_vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	account_locked_vm(vma, (long)(vma->vm_end - vma->vm_start));
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
	mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	account_locked_vm(vma, -(long)(vma->vm_end - vma->vm_start));
	vma_gap_changed(next); /* its gap now reaches down over vma's range */
}

void vma_set_start(struct vm_area_struct *vma, unsigned long new_start)
{
	/*
	 * The tree's key changes, but not its order: new_start stays above the previous
	 * VMA's end and below vm_end, so vma keeps its place and only its gap changes.
	 */
	if (vma->vm_inode && new_start < vma->vm_start)
		vma->vm_pgoff -= (vma->vm_start - new_start) >> PAGE_SHIFT;
	else if (vma->vm_inode)
		vma->vm_pgoff += (new_start - vma->vm_start) >> PAGE_SHIFT;
	vma->vm_mm->total_vm += (unsigned long)((long)(vma->vm_start - new_start) / (long)PAGE_SIZE);
	account_locked_vm(vma, (long)(vma->vm_start - new_start));
	vma->vm_start = new_start;
	vma_gap_changed(vma);
}

void vma_set_end(struct vm_area_struct *vma, unsigned long new_end)
{
	vma->vm_mm->total_vm += (unsigned long)((long)(new_end - vma->vm_end) / (long)PAGE_SIZE);
	account_locked_vm(vma, (long)(new_end - vma->vm_end));
	vma->vm_end = new_end;
	vma_gap_changed(vma_next(vma)); /* the gap above vma starts at its end */
}
