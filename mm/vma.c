/*
 * VMAs: a sorted list per mm, with mapping, unmapping and protection changes that split
 * VMAs where a range cuts through them. (Issue "The fault core" replaces the list with
 * a balanced tree.)
 */
#include <arch.h>
#include <errno.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <uapi/signal.h>

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

int segv_code(struct mm_struct *mm, unsigned long addr)
{
	return mm && find_vma(mm, addr) ? SEGV_ACCERR : SEGV_MAPERR;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct list_head *pos;

	list_for_each(pos, &mm->mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);

		if (addr < vma->vm_start)
			return NULL;
		if (addr < vma->vm_end)
			return vma;
	}
	return NULL;
}

bool range_is_free(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct list_head *pos;

	list_for_each(pos, &mm->mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);

		if (vma->vm_start < end && start < vma->vm_end)
			return false;
	}
	return true;
}

unsigned long find_free_range(struct mm_struct *mm, unsigned long len)
{
	unsigned long top = mm->mmap_base;
	struct list_head *pos;

	/* Walk down from the highest VMA: the first gap of len below top wins. */
	for (pos = mm->mmap.prev; pos != &mm->mmap; pos = pos->prev) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);

		if (vma->vm_start >= top)
			continue; /* wholly above where we search */
		if (vma->vm_end < top && top - vma->vm_end >= len)
			return top - len; /* the gap between this VMA and top fits */
		top = vma->vm_start;
	}
	return top >= MMAP_MIN_ADDR + len ? top - len : 0;
}

/* Insert vma in address order. */
static void insert_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct list_head *pos;

	list_for_each(pos, &mm->mmap)
		if (list_entry(pos, struct vm_area_struct, vm_list)->vm_start > vma->vm_start)
			break;
	list_add_tail(&vma->vm_list, pos);
}

/* Split vma at addr (strictly inside it): vma keeps the low part; returns the high part. */
static struct vm_area_struct *split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *high = kmalloc(sizeof(*high));

	if (!high)
		return NULL;
	*high = *vma;
	high->vm_start = addr;
	high->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma->vm_end = addr;
	list_add(&high->vm_list, &vma->vm_list);
	return high;
}

/* Unmap and free the pages of [start, end) in mm's page table. */
static void zap_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		phys_addr_t pa;

		if (unmap_page(mm->pgd, va, &pa) == 0) {
			put_page(pfn_to_page(pa >> PAGE_SHIFT));
			mm->nr_pages--;
		}
	}
}

int mm_unmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + len;
	struct list_head *pos = mm->mmap.next;

	while (pos != &mm->mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);
		struct list_head *next;

		if (vma->vm_end <= start) {
			pos = pos->next;
			continue;
		}
		if (vma->vm_start >= end)
			break;
		if (vma->vm_start < start) {
			if (!split_vma(vma, start))
				return -ENOMEM;
			pos = pos->next; /* the high part, which starts at start */
			continue;
		}
		if (vma->vm_end > end && !split_vma(vma, end))
			return -ENOMEM;
		next = pos->next;
		zap_range(mm, vma->vm_start, vma->vm_end);
		list_del(pos);
		kfree(vma);
		pos = next;
	}
	return 0;
}

int mm_map_populate(struct mm_struct *mm, unsigned long start, unsigned long len,
		    unsigned long vm_flags, struct inode *file, unsigned long pgoff,
		    const void *data, size_t data_len)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma));
	unsigned int prot = vm_flags_to_prot(vm_flags);

	if (!vma)
		return -ENOMEM;
	vma->vm_start = start;
	vma->vm_end = start + len;
	vma->vm_flags = vm_flags;
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	insert_vma(mm, vma);
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		struct page *page = alloc_zeroed_page();

		if (!page || map_page(mm->pgd, start + off, page_to_phys(page), prot)) {
			if (page)
				put_page(page);
			mm_unmap(mm, start, len);
			return -ENOMEM;
		}
		mm->nr_pages++;
		if (data && off < data_len)
			memcpy(page_address(page), (const u8 *)data + off, MIN(PAGE_SIZE, data_len - off));
	}
	return 0;
}

int mm_protect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long vm_flags)
{
	unsigned long end = start + len;
	struct list_head *pos;

	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);

		if (!vma)
			return -ENOMEM;
		a = vma->vm_end;
	}
	list_for_each(pos, &mm->mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);

		if (vma->vm_end <= start || vma->vm_start >= end)
			continue;
		if (vma->vm_start < start) {
			if (!split_vma(vma, start))
				return -ENOMEM;
			continue;
		}
		if (vma->vm_end > end && !split_vma(vma, end))
			return -ENOMEM;
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | vm_flags;
		for (unsigned long va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
			pte_t *pte = walk(mm->pgd, va, false);

			if (pte && !pte_none(*pte)) {
				*pte = mk_pte(pte_pa(*pte), vm_flags_to_prot(vma->vm_flags));
				arch_flush_tlb_page(va);
			}
		}
	}
	return 0;
}
