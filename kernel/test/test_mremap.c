/*
 * mremap() moves page-table entries, not pages (mm/mremap.c): after a move every page
 * is the very same frame at its new address, no frame was allocated for it, the
 * resident-set counters did not move, and the page tables of the old place are freed.
 * And a locked VMA that grows counts its new pages in locked_vm (within
 * RLIMIT_MEMLOCK, else EAGAIN) and has them faulted in; a VM_DONTEXPAND one never grows.
 * (User space can make neither kind here yet: these build them directly.)
 */
#include <arch.h>
#include <errno.h>
#include <kernel/rlimit.h>
#include <kernel/task.h>
#include <kernel/test/ktest.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <uapi/mremap.h>

#define OLD_START 0x40000000UL          /* a 1 GiB region of its own ... */
#define NEW_START 0x80000000UL          /* ... and another: no table shared */
#define NR_PAGES  16

/* A new mm with one read-write VMA of nr_pages at start (plus extra_flags), the first
 * nr_written of them written; NULL on failure. */
static struct mm_struct *mm_with_pages(unsigned long start, unsigned long nr_pages,
				       unsigned long nr_written, unsigned long extra_flags)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	KEXPECT(mm != NULL);
	if (!mm)
		return NULL;
	KEXPECT_EQ(mmap_region(mm, start, nr_pages * PAGE_SIZE,
			       VM_READ | VM_WRITE | extra_flags, NULL, 0), 0);
	vma = vma_lookup(mm, start);
	KEXPECT(vma != NULL);
	if (!vma) {
		mmput(mm);
		return NULL;
	}
	mmap_read_lock(mm);
	for (unsigned long i = 0; i < nr_written; i++)
		KEXPECT_EQ(handle_mm_fault(vma, start + i * PAGE_SIZE,
					   FAULT_FLAG_DEFAULT | FAULT_FLAG_WRITE), 0);
	mmap_read_unlock(mm);
	return mm;
}

/* The frame addr maps in mm, or 0 if none. */
static phys_addr_t frame_at(struct mm_struct *mm, unsigned long addr)
{
	phys_addr_t pa = 0;

	return translate(mm->pgd, addr, &pa, NULL) ? 0 : pa;
}

KTEST(mremap_moves_ptes_not_pages)
{
	unsigned long frames = nr_free_frames();
	struct mm_struct *mm = mm_with_pages(OLD_START, NR_PAGES, NR_PAGES, 0);
	phys_addr_t pa[NR_PAGES];
	unsigned long tables, free_before;

	if (!mm)
		return;
	for (int i = 0; i < NR_PAGES; i++) {
		pa[i] = frame_at(mm, OLD_START + i * PAGE_SIZE);
		KEXPECT(pa[i] != 0);
		*(unsigned long *)__va(pa[i]) = 0x1000 + i;
	}
	tables = mm->nr_pgtables;
	free_before = nr_free_frames();
	KEXPECT_EQ(do_mremap(mm, OLD_START, NR_PAGES * PAGE_SIZE, NR_PAGES * PAGE_SIZE,
			     MREMAP_MAYMOVE | MREMAP_FIXED, NEW_START), NEW_START);
	for (int i = 0; i < NR_PAGES; i++) {
		KEXPECT_EQ(frame_at(mm, NEW_START + i * PAGE_SIZE), pa[i]);
		KEXPECT_EQ(*(unsigned long *)__va(pa[i]), 0x1000 + i);
	}
	/* No frame was allocated or freed: the old place's tables went, the new place's came. */
	KEXPECT_EQ(nr_free_frames(), free_before);
	KEXPECT_EQ(mm->nr_pgtables, tables);
	KEXPECT(walk(mm->pgd, OLD_START, false) == NULL);
	KEXPECT_EQ(mm->nr_pages, NR_PAGES);
	KEXPECT_EQ(mm->rss_stat[MM_ANONPAGES], NR_PAGES);
	KEXPECT(vma_lookup(mm, OLD_START) == NULL);
	mmput(mm);
	KEXPECT_EQ(nr_free_frames(), frames);
}

KTEST(mremap_grows_locked_vma_within_rlimit_memlock)
{
	unsigned long frames = nr_free_frames(), limit = rlimit(RLIMIT_MEMLOCK);
	struct mm_struct *mm = mm_with_pages(OLD_START, 2, 2, VM_LOCKED);
	bool cap = current->cred.cap_permitted;
	struct vm_area_struct *vma;

	if (!mm)
		return;
	mm->locked_vm = 2; /* as mlock() would have counted them */
	current->cred.cap_permitted = false; /* no CAP_IPC_LOCK: RLIMIT_MEMLOCK applies */
	KEXPECT_EQ(do_mremap(mm, OLD_START, 2 * PAGE_SIZE, 6 * PAGE_SIZE, 0, 0), OLD_START);
	KEXPECT_EQ(mm->locked_vm, 6);
	KEXPECT_EQ(mm->nr_pages, 6); /* the new pages were faulted in */
	for (int i = 2; i < 6; i++)
		KEXPECT(frame_at(mm, OLD_START + i * PAGE_SIZE) != 0);

	/* Past RLIMIT_MEMLOCK: EAGAIN, nothing changed. */
	KEXPECT_EQ(do_mremap(mm, OLD_START, 6 * PAGE_SIZE, limit + PAGE_SIZE, 0, 0), -EAGAIN);
	KEXPECT_EQ(mm->locked_vm, 6);

	/* Moved with MREMAP_DONTUNMAP: the new range is locked, the old one no longer. */
	KEXPECT_EQ(do_mremap(mm, OLD_START, 6 * PAGE_SIZE, 6 * PAGE_SIZE,
			     MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED, NEW_START), NEW_START);
	KEXPECT_EQ(mm->locked_vm, 6);
	vma = vma_lookup(mm, OLD_START);
	KEXPECT(vma && !(vma->vm_flags & VM_LOCKED));
	vma = vma_lookup(mm, NEW_START);
	KEXPECT(vma && (vma->vm_flags & VM_LOCKED));
	KEXPECT_EQ(mm->nr_pages, 6);
	current->cred.cap_permitted = cap;
	mmput(mm);
	KEXPECT_EQ(nr_free_frames(), frames);
}

/* A VM_DONTEXPAND VMA (a driver's mapping in Linux) may shrink or move, never grow. */
KTEST(mremap_dontexpand_vma_cannot_grow)
{
	unsigned long frames = nr_free_frames();
	struct mm_struct *mm = mm_with_pages(OLD_START, 4, 4, VM_DONTEXPAND);

	if (!mm)
		return;
	KEXPECT_EQ(do_mremap(mm, OLD_START, 4 * PAGE_SIZE, 8 * PAGE_SIZE, 0, 0), -EFAULT);
	KEXPECT_EQ(do_mremap(mm, OLD_START, 4 * PAGE_SIZE, 8 * PAGE_SIZE, MREMAP_MAYMOVE, 0),
		   -EFAULT);
	KEXPECT_EQ(do_mremap(mm, OLD_START, 4 * PAGE_SIZE, 4 * PAGE_SIZE,
			     MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0), -EINVAL);
	KEXPECT_EQ(do_mremap(mm, OLD_START, 4 * PAGE_SIZE, 4 * PAGE_SIZE,
			     MREMAP_MAYMOVE | MREMAP_FIXED, NEW_START), NEW_START);
	KEXPECT_EQ(do_mremap(mm, NEW_START, 4 * PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), NEW_START);
	KEXPECT_EQ(mm->nr_pages, 2);
	mmput(mm);
	KEXPECT_EQ(nr_free_frames(), frames);
}
