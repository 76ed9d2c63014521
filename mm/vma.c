/*
 * VMAs: the operations that map, split, merge, unmap and reprotect them (see mm.h); the
 * tree and the list they sit in are mm/vma_tree.c's. Caller holds mm->mmap_lock (or owns
 * the mm alone).
 */
#include <arch.h>
#include <errno.h>
#include <kernel/fs.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <mm/mm.h>
#include <mm/mmu_gather.h>
#include <mm/tlbflush.h>
#include <mm/vma_tree.h>

int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;

unsigned int vm_flags_to_prot(unsigned long vm_flags)
{
	unsigned int prot = PAGE_U;

	if (vm_flags & VM_READ)
		prot |= PAGE_R;
	if (vm_flags & VM_WRITE)
		prot |= PAGE_W | PAGE_R;
	if (vm_flags & VM_EXEC)
		prot |= PAGE_X;
	return prot;
}

struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = kmalloc(sizeof(*vma));

	if (!vma)
		return NULL;
	*vma = *orig;
	if (vma->vm_inode) {
		iget(vma->vm_inode);
		list_add_tail(&vma->vm_shared, &vma->vm_inode->i_mmap);
	}
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_inode) {
		list_del(&vma->vm_shared);
		iput(vma->vm_inode); /* an unlinked file's last mapping frees it */
	}
	kfree(vma);
}

/*
 * Split vma at addr (strictly inside it): vma keeps the low part; returns the high part,
 * or NULL if out of memory.
 */
static struct vm_area_struct *__split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *high = vm_area_dup(vma);

	if (!high)
		return NULL;
	high->vm_start = addr;
	high->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma_set_end(vma, addr);
	vma_link(vma->vm_mm, high);
	return high;
}

/* __split_vma(), but NULL (Linux: ENOMEM) if the mm already has MAX_MAP_COUNT VMAs. */
static struct vm_area_struct *split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	if (vma->vm_mm->map_count >= MAX_MAP_COUNT)
		return NULL;
	return __split_vma(vma, addr);
}

/* Can b follow a in one VMA? (adjacent, same flags and backing, file offsets in step) */
static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags && a->vm_inode == b->vm_inode &&
	       a->vm_userfaultfd_ctx == b->vm_userfaultfd_ctx && !(a->vm_flags & VM_GROWSDOWN) &&
	       (!a->vm_inode || a->vm_pgoff + ((a->vm_end - a->vm_start) >> PAGE_SHIFT) == b->vm_pgoff);
}

/* Merge vma with its neighbours where possible; returns the VMA that now covers it. */
static struct vm_area_struct *vma_merge(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma), *next = vma_next(vma);

	if (next && can_merge(vma, next)) {
		vma_set_end(vma, next->vm_end);
		vma_unlink(next);
		vm_area_free(next);
	}
	if (prev && can_merge(prev, vma)) {
		vma_set_end(prev, vma->vm_end);
		vma_unlink(vma);
		vm_area_free(vma);
		vma = prev;
	}
	return vma;
}

/*
 * May mm grow by len bytes of mappings under the caller's RLIMIT_AS (Linux's
 * may_expand_vm)? The size is counted by walking the VMAs, and only when there is a
 * limit: nobody pays for it otherwise.
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long len)
{
	unsigned long limit = rlimit(RLIMIT_AS), total = len;

	if (limit == RLIM_INFINITY)
		return true;
	for (struct vm_area_struct *vma = find_vma(mm, 0); vma; vma = vma_next(vma))
		total += vma->vm_end - vma->vm_start;
	return total <= limit;
}

static struct vm_area_struct *vma_add(struct mm_struct *mm, const struct vm_area_struct *new,
				      struct vm_area_struct *prev, struct vm_area_struct *next);

int mmap_region(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long vm_flags, struct inode *file, unsigned long pgoff)
{
	/* A private mapping may always be given any protection later (Linux's do_mmap):
	 * only a shared one has its VM_MAY* bits chosen by its caller. */
	struct vm_area_struct new = {
		.vm_start = start, .vm_end = start + len,
		.vm_flags = (vm_flags & VM_MAYSHARE) ? vm_flags : vm_flags | VM_MAYACCESS,
		.vm_inode = file, .vm_pgoff = file ? pgoff : 0,
	};
	struct vm_area_struct *next = find_vma(mm, start);
	struct vm_area_struct *prev = next ? vma_prev(next) : last_vma(mm);

	if (next && next->vm_start < new.vm_end)
		return -EINVAL; /* VMAs never overlap: callers unmap first */
	if (mm->map_count > MAX_MAP_COUNT)
		return -ENOMEM; /* Linux's test, made before any merge */
	if (!may_expand_vm(mm, len))
		return -ENOMEM;
	return vma_add(mm, &new, prev, next) ? 0 : -ENOMEM;
}

/*
 * Put new (its range free, between prev and next) into mm: by growing a neighbour it
 * continues, or as a VMA of its own. Returns the VMA that now covers it, or NULL if out
 * of memory.
 */
static struct vm_area_struct *vma_add(struct mm_struct *mm, const struct vm_area_struct *new,
				      struct vm_area_struct *prev, struct vm_area_struct *next)
{
	struct vm_area_struct *vma;

	/*
	 * As Linux's vma_merge_new_range(): where the new range continues a neighbour, that
	 * VMA grows over it in place (and swallows the other neighbour if the range closes
	 * the gap between them); only a range that continues neither gets a VMA of its own.
	 */
	if (prev && can_merge(prev, new)) {
		vma_set_end(prev, new->vm_end);
		if (next && can_merge(prev, next)) {
			vma_set_end(prev, next->vm_end);
			vma_unlink(next);
			vm_area_free(next);
		}
		vma = prev;
	} else if (next && can_merge(new, next)) {
		vma_set_start(next, new->vm_start);
		vma = next;
	} else {
		vma = vm_area_dup(new);
		if (!vma)
			return NULL;
		vma_link(mm, vma);
	}
	update_hiwater_vm(mm);
	return vma;
}

struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				unsigned long len, unsigned long pgoff)
{
	/* The backing is shared as a split shares it (__split_vma). */
	struct vm_area_struct new = {
		.vm_start = addr, .vm_end = addr + len, .vm_flags = vma->vm_flags,
		.vm_inode = vma->vm_inode, .vm_pgoff = vma->vm_inode ? pgoff : 0,
		.vm_userfaultfd_ctx = vma->vm_userfaultfd_ctx,
	};
	struct vm_area_struct *next = find_vma(vma->vm_mm, addr);

	return vma_add(vma->vm_mm, &new, next ? vma_prev(next) : last_vma(vma->vm_mm), next);
}

struct vm_area_struct *vma_merge_extend(struct vm_area_struct *vma, unsigned long delta)
{
	vma_set_end(vma, vma->vm_end + delta);
	update_hiwater_vm(vma->vm_mm);
	return vma_merge(vma);
}

struct vm_area_struct *vma_modify_flags(struct vm_area_struct *vma, unsigned long start,
					unsigned long end, unsigned long new_flags)
{
	return vma_modify_flags_uffd(vma, start, end, new_flags, vma->vm_userfaultfd_ctx);
}

struct vm_area_struct *vma_modify_flags_uffd(struct vm_area_struct *vma, unsigned long start,
					     unsigned long end, unsigned long new_flags,
					     struct userfaultfd_ctx *ctx)
{
	if (vma->vm_flags == new_flags && vma->vm_userfaultfd_ctx == ctx)
		return vma;
	if (vma->vm_start < start) {
		if (!(vma = split_vma(vma, start)))
			return NULL;
	}
	if (vma->vm_end > end && !split_vma(vma, end))
		return NULL;
	/* The split VMAs were counted with the old flags: count a lock change by hand. */
	if ((new_flags & VM_LOCKED) && !(vma->vm_flags & VM_LOCKED))
		vma->vm_mm->locked_vm += (end - start) >> PAGE_SHIFT;
	else if (!(new_flags & VM_LOCKED) && (vma->vm_flags & VM_LOCKED))
		vma->vm_mm->locked_vm -= (end - start) >> PAGE_SHIFT;
	vma->vm_flags = new_flags;
	vma->vm_userfaultfd_ctx = ctx;
	return vma_merge(vma);
}

int mm_unmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + len;
	struct vm_area_struct *vma = find_vma(mm, start);

	/*
	 * Only a hole punched in the middle of one VMA adds one; that is refused at the
	 * limit. Cutting VMAs at the edges of the range never leaves more than there were.
	 */
	if (vma && vma->vm_start < start && vma->vm_end > end && mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	/*
	 * Each VMA the range touches loses [from, to): all of it (unlinked), its head or its
	 * tail (trimmed in place), or its middle (split at to first, then its tail trimmed).
	 */
	while (vma && vma->vm_start < end) {
		struct vm_area_struct *next = vma_next(vma);
		unsigned long from = MAX(vma->vm_start, start), to = MIN(vma->vm_end, end);

		if (from > vma->vm_start && to < vma->vm_end && !__split_vma(vma, to))
			return -ENOMEM; /* a hole in this VMA, which is the first: nothing gone */
		zap_page_range(vma, from, to);
		if (from == vma->vm_start && to == vma->vm_end) {
			vma_unlink(vma);
			vm_area_free(vma);
		} else if (from == vma->vm_start) {
			vma_set_start(vma, to);
		} else {
			vma_set_end(vma, from);
		}
		vma = next;
	}
	free_pgtables(mm, start, end);
	return 0;
}

/*
 * Give vma's present pages its (new) protection, but never write permission: that is
 * given by the write fault, which copies a page first if it is shared. Once per leaf
 * table, as every range walk, with one TLB flush per table (mmu_gather.h). A
 * write-only VMA's pages stay readable (no MMU has write-only pages;
 * vm_flags_to_prot() says so), so PAGE_W is taken off after.
 */
static void change_protection(struct vm_area_struct *vma)
{
	unsigned int prot = vm_flags_to_prot(vma->vm_flags) & ~PAGE_W;
	struct mmu_gather tlb;
	unsigned long next;

	tlb_gather_mmu(&tlb, vma->vm_mm);
	for (unsigned long va = vma->vm_start; va < vma->vm_end && va >= vma->vm_start; va = next) {
		pte_t *pte = walk_range(vma->vm_mm->pgd, va, &next);
		unsigned long stop = MIN(next, vma->vm_end);

		for (; pte && va < stop; va += PAGE_SIZE, pte++) {
			if (pte_none(*pte) || pte_is_swap(*pte))
				continue;
			set_pte_at(vma->vm_mm, va, pte, mk_pte(pte_pa(*pte), prot));
			tlb_remove_tlb_entry(&tlb, va);
		}
		tlb_flush_mmu(&tlb);
		cond_resched();
	}
	tlb_finish_mmu(&tlb);
}

int mm_protect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long vm_flags)
{
	unsigned long end = start + len;
	struct vm_area_struct *vma;

	for (unsigned long a = start; a < end; a = vma->vm_end)
		if (!(vma = vma_lookup(mm, a)))
			return -ENOMEM; /* a hole: Linux refuses the whole call */
	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(vma)) {
		/* An access the VMA may never have (a VM_MAY* bit off, four bits up): the VMAs
		 * before it keep their new protection, as in Linux. */
		if ((vm_flags & ~(vma->vm_flags >> 4)) & VM_ACCESS)
			return -EACCES;
		if (vma->vm_start < start) {
			if (!split_vma(vma, start))
				return -ENOMEM;
			continue; /* the next VMA is the part at start */
		}
		if (vma->vm_end > end && !split_vma(vma, end))
			return -ENOMEM;
		vma->vm_flags = (vma->vm_flags & ~VM_ACCESS) | vm_flags;
		change_protection(vma);
		vma = vma_merge(vma);
	}
	return 0;
}

int expand_stack(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long new_start = ALIGN_DOWN(addr, PAGE_SIZE);
	struct vm_area_struct *prev = vma_prev(vma);

	if (!(vma->vm_flags & VM_GROWSDOWN) || new_start < MMAP_MIN_ADDR)
		return -ENOMEM;
	if (vma->vm_end - new_start > rlimit(RLIMIT_STACK))
		return -ENOMEM; /* past RLIMIT_STACK: a wild access, not growth */
	if (!may_expand_vm(vma->vm_mm, vma->vm_start - new_start))
		return -ENOMEM; /* past RLIMIT_AS */
	/*
	 * The guard gap keeps the stack away from a mapping below that a runaway stack could
	 * silently scribble on. As Linux's, it ignores a mapping that allows no access at all
	 * (PROT_NONE is itself a guard) and one that is a stack too (the lower part of a
	 * stack munmap() cut in two: growing back into the hole is growing the stack).
	 */
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) && (prev->vm_flags & VM_ACCESS) &&
	    new_start < prev->vm_end + STACK_GUARD_GAP)
		return -ENOMEM; /* would come within the guard gap of the mapping below */
	vma_set_start(vma, new_start);
	update_hiwater_vm(vma->vm_mm);
	return 0;
}
