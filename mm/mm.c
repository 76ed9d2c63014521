/* Address spaces: creating, copying and destroying them (see mm.h). */
#include <arch.h>
#include <errno.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>

/* The first top-level index of the kernel half (half of the entries). */
#define KERNEL_PGD_FIRST (PTRS_PER_TABLE / 2)

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pgd = pgtable_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	/* Share the kernel half: its top-level entries never change after paging_init(). */
	memcpy(&mm->pgd[KERNEL_PGD_FIRST], &kernel_pgtable[KERNEL_PGD_FIRST],
	       KERNEL_PGD_FIRST * sizeof(pte_t));
	INIT_LIST_HEAD(&mm->mmap);
	mm->mmap_base = USER_TOP - (64UL << 20); /* below the stack and its room to grow */
	return mm;
}

void mm_release(struct mm_struct *mm)
{
	struct list_head *pos, *tmp;

	mm_unmap(mm, 0, USER_TOP);
	list_for_each_safe(pos, tmp, &mm->mmap) {
		list_del(pos);
		kfree(list_entry(pos, struct vm_area_struct, vm_list));
	}
	pgtable_free_user(mm->pgd);
	kfree(mm);
}

/* Copy vma and its pages from old into new. */
static int copy_vma(struct mm_struct *new, struct mm_struct *old, struct vm_area_struct *vma)
{
	struct vm_area_struct *copy = kmalloc(sizeof(*copy));

	if (!copy)
		return -ENOMEM;
	*copy = *vma;
	list_add_tail(&copy->vm_list, &new->mmap);
	for (unsigned long va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
		pte_t *pte = walk(old->pgd, va, false);
		struct page *page;

		if (!pte || pte_none(*pte))
			continue; /* PROT_NONE pages count: they keep their frame */
		page = alloc_page();
		if (!page)
			return -ENOMEM;
		memcpy(page_address(page), __va(pte_pa(*pte)), PAGE_SIZE);
		if (map_page(new->pgd, va, page_to_phys(page), vm_flags_to_prot(vma->vm_flags))) {
			put_page(page);
			return -ENOMEM;
		}
		new->nr_pages++;
	}
	return 0;
}

struct mm_struct *mm_copy(struct mm_struct *old)
{
	struct mm_struct *new = mm_alloc();
	struct list_head *pos;

	if (!new)
		return NULL;
	new->start_brk = old->start_brk;
	new->brk = old->brk;
	new->mmap_base = old->mmap_base;
	list_for_each(pos, &old->mmap) {
		if (copy_vma(new, old, list_entry(pos, struct vm_area_struct, vm_list))) {
			mm_release(new);
			return NULL;
		}
	}
	return new;
}
