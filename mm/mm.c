/* Address spaces: creating, copying (fork, copy-on-write) and destroying them (see mm.h). */
#include <arch.h>
#include <errno.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>

/* The first top-level index of the kernel half (half of the entries). */
#define KERNEL_PGD_FIRST (PTRS_PER_TABLE / 2)

unsigned long nr_user_pgtables;

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
	mm_account_pgtables(mm, 1);
	memcpy(&mm->pgd[KERNEL_PGD_FIRST], &kernel_pgtable[KERNEL_PGD_FIRST],
	       KERNEL_PGD_FIRST * sizeof(pte_t));
	INIT_LIST_HEAD(&mm->mmap);
	mm->mm_users = 1;
	mm->mm_count = 1; /* the users' */
	init_rwsem(&mm->mmap_lock);
	/* Below the stack, its growth limit and its guard gap. */
	mm->mmap_base = TASK_SIZE - (64UL << 20);
	return mm;
}

void mmget(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->mm_users, 1, __ATOMIC_RELAXED);
}

bool mmget_not_zero(struct mm_struct *mm)
{
	int users = __atomic_load_n(&mm->mm_users, __ATOMIC_RELAXED);

	do {
		if (!users)
			return false;
	} while (!__atomic_compare_exchange_n(&mm->mm_users, &users, users + 1, false,
					      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	return true;
}

void mmgrab(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->mm_count, 1, __ATOMIC_RELAXED);
}

void mmdrop(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_count, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(mm);
}

void mmput(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	mm_unmap(mm, 0, TASK_SIZE); /* frees every page, VMA and table but the root */
	pgtable_free_user(mm->pgd);
	mm_account_pgtables(mm, -(long)mm->nr_pgtables);
	mmdrop(mm); /* the users' reference to the struct */
}

struct mm_struct *mm_copy(struct mm_struct *old)
{
	struct mm_struct *new = mm_alloc();
	struct list_head *pos;
	int err = 0;

	if (!new)
		return NULL;
	mmap_write_lock(old); /* we write-protect old's pages */
	new->start_brk = old->start_brk;
	new->brk = old->brk;
	new->mmap_base = old->mmap_base;
	new->start_stack = old->start_stack;
	list_for_each(pos, &old->mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);

		if (vma->vm_flags & VM_DONTCOPY)
			continue; /* madvise(MADV_DONTFORK): the child has a hole here */
		/* A fork's child does not inherit memory locks (Linux's dup_mmap()), nor a
		 * user pager's registration (without UFFD_FEATURE_EVENT_FORK). */
		err = mmap_region(new, vma->vm_start, vma->vm_end - vma->vm_start,
				  vma->vm_flags & ~(VM_LOCKED_MASK | __VM_UFFD_FLAGS), vma->vm_inode,
				  vma->vm_pgoff);
		/* madvise(MADV_WIPEONFORK): the child's range starts empty, reading zeros. */
		if (!err && !(vma->vm_flags & VM_WIPEONFORK))
			err = copy_page_range(new, old, vma);
		if (err)
			break;
	}
	mmap_write_unlock(old);
	if (err) {
		mmput(new);
		return NULL;
	}
	return new;
}
