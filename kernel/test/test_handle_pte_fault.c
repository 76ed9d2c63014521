/*
 * handle_mm_fault()'s dispatch (mm/memory.c), one row of its table at a time: a small
 * address space with one VMA, a fault driven straight into it, and what the PTE holds
 * afterwards, the frames' reference counts and the fault counters.
 */
#include <arch.h>
#include <kernel/fs.h>
#include <kernel/task.h>
#include <kernel/test/ktest.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/tlbflush.h>

#define FAULT_VA   0x20000000UL /* where each test's VMA starts */
#define USER_FAULT (FAULT_FLAG_DEFAULT | FAULT_FLAG_USER)
#define READ       USER_FAULT
#define WRITE      (USER_FAULT | FAULT_FLAG_WRITE)
#define FETCH      (USER_FAULT | FAULT_FLAG_INSTRUCTION)

/* A new address space with one VMA of nr_pages at FAULT_VA (file-backed if file), or NULL. */
static struct vm_area_struct *vma_setup(unsigned long nr_pages, unsigned long vm_flags,
					struct inode *file)
{
	struct mm_struct *mm = mm_alloc();
	int err;

	KEXPECT(mm != NULL);
	if (!mm)
		return NULL;
	err = mmap_region(mm, FAULT_VA, nr_pages * PAGE_SIZE, vm_flags, file, 0);
	KEXPECT_EQ(err, 0);
	if (err) {
		mmput(mm);
		return NULL;
	}
	return vma_lookup(mm, FAULT_VA);
}

/* One fault at addr, with the mmap lock held for reading as handle_mm_fault() wants. */
static vm_fault_t fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	vm_fault_t ret;

	down_read(&vma->vm_mm->mmap_lock);
	ret = handle_mm_fault(vma, addr, flags);
	KEXPECT(!(ret & (VM_FAULT_RETRY | VM_FAULT_COMPLETED))); /* nothing here waits */
	up_read(&vma->vm_mm->mmap_lock);
	return ret;
}

/* The PTE that maps addr in vma's address space (0 if there is no table yet). */
static pte_t pte_at(struct vm_area_struct *vma, unsigned long addr)
{
	pte_t *pte = walk(vma->vm_mm->pgd, addr, false);

	return pte ? *pte : 0;
}

/* Replace the PTE at addr by val, as a kernel path that changes a PTE does. */
static void pte_set(struct vm_area_struct *vma, unsigned long addr, pte_t val)
{
	pte_t *pte = walk(vma->vm_mm->pgd, addr, false);

	KEXPECT(pte != NULL);
	if (!pte)
		return;
	set_pte_at(vma->vm_mm, addr, pte, val);
	flush_tlb_page(vma, addr);
}

static struct page *page_at(struct vm_area_struct *vma, unsigned long addr)
{
	return pfn_to_page(pte_pa(pte_at(vma, addr)) >> PAGE_SHIFT);
}

/* none, anonymous: a read maps the zero page read-only, a write a private zeroed frame. */
KTEST(handle_pte_fault_none_anonymous)
{
	struct vm_area_struct *vma = vma_setup(2, VM_READ | VM_WRITE, NULL);
	unsigned long zero_pages = current->faults.nr_zero_page_faults;
	const unsigned long rd = FAULT_VA, wr = FAULT_VA + PAGE_SIZE;
	pte_t pte;

	if (!vma)
		return;
	KEXPECT_EQ(fault(vma, rd + 0x123, READ), 0);
	pte = pte_at(vma, rd);
	KEXPECT(pte_present(pte));
	KEXPECT_EQ(pte_pa(pte), page_to_phys(zero_page));
	KEXPECT_EQ(pte_prot(pte) & (PAGE_R | PAGE_W | PAGE_U), PAGE_R | PAGE_U);
	KEXPECT_EQ(current->faults.nr_zero_page_faults, zero_pages + 1);
	KEXPECT_EQ(vma->vm_mm->nr_pages, 0); /* the zero page is nobody's own */

	KEXPECT_EQ(fault(vma, wr + 8, WRITE), 0);
	pte = pte_at(vma, wr);
	KEXPECT(pte_present(pte));
	KEXPECT(pte_pa(pte) != page_to_phys(zero_page));
	KEXPECT(pte_prot(pte) & PAGE_W);
	KEXPECT_EQ(page_at(vma, wr)->refcount, 1);
	KEXPECT_EQ(*(u64 *)page_address(page_at(vma, wr)), 0);
	KEXPECT_EQ(vma->vm_mm->nr_pages, 1);
	KEXPECT_EQ(current->faults.nr_zero_page_faults, zero_pages + 1);
	mmput(vma->vm_mm);
}

/*
 * present, read-only, write: copy on write. A frame another mapping shares (as fork
 * leaves it) is copied and the old frame loses this mapping's reference; the zero page
 * is replaced by a fresh zeroed frame; a frame nobody else has is made writable in place.
 */
KTEST(handle_pte_fault_wp_copies_or_reuses)
{
	struct vm_area_struct *vma = vma_setup(3, VM_READ | VM_WRITE, NULL);
	const unsigned long shared = FAULT_VA, zero = FAULT_VA + PAGE_SIZE,
			    own = FAULT_VA + 2 * PAGE_SIZE;
	unsigned int ro = vm_flags_to_prot(VM_READ);
	unsigned long cows = current->faults.nr_cow_faults;
	struct page *old;
	pte_t pte;

	if (!vma)
		return;
	/* A frame shared with another mapping, read-only here. */
	KEXPECT_EQ(fault(vma, shared, WRITE), 0);
	old = page_at(vma, shared);
	*(u64 *)page_address(old) = 0x5eed;
	get_page(old); /* the other mapping's reference */
	pte_set(vma, shared, mk_pte(page_to_phys(old), ro));
	KEXPECT_EQ(fault(vma, shared + 16, WRITE), 0);
	pte = pte_at(vma, shared);
	KEXPECT(pte_present(pte));
	KEXPECT(pte_prot(pte) & PAGE_W);
	KEXPECT(pte_pa(pte) != page_to_phys(old));
	KEXPECT_EQ(*(u64 *)page_address(page_at(vma, shared)), 0x5eed);
	KEXPECT_EQ(old->refcount, 1); /* only the other mapping's now */
	KEXPECT_EQ(current->faults.nr_cow_faults, cows + 1);
	put_page(old);

	/* The zero page: a write gets a zeroed frame of its own. */
	KEXPECT_EQ(fault(vma, zero, READ), 0);
	KEXPECT_EQ(pte_pa(pte_at(vma, zero)), page_to_phys(zero_page));
	KEXPECT_EQ(fault(vma, zero, WRITE), 0);
	pte = pte_at(vma, zero);
	KEXPECT(pte_pa(pte) != page_to_phys(zero_page));
	KEXPECT(pte_prot(pte) & PAGE_W);
	KEXPECT_EQ(*(u64 *)page_address(page_at(vma, zero)), 0);
	KEXPECT_EQ(current->faults.nr_cow_faults, cows + 2);
	KEXPECT_EQ(vma->vm_mm->nr_pages, 2);

	/* A frame only this mapping has: reused, no copy. */
	KEXPECT_EQ(fault(vma, own, WRITE), 0);
	old = page_at(vma, own);
	pte_set(vma, own, mk_pte(page_to_phys(old), ro));
	KEXPECT_EQ(fault(vma, own, WRITE), 0);
	pte = pte_at(vma, own);
	KEXPECT_EQ(pte_pa(pte), page_to_phys(old));
	KEXPECT(pte_prot(pte) & PAGE_W);
	KEXPECT_EQ(old->refcount, 1);
	KEXPECT_EQ(current->faults.nr_cow_faults, cows + 2);
	KEXPECT_EQ(vma->vm_mm->nr_pages, 3);
	mmput(vma->vm_mm);
}

/* A swap entry: the poison marker is SIGBUS with HWPOISON, any other value SIGBUS. */
KTEST(handle_pte_fault_swap_entry_sigbus)
{
	struct vm_area_struct *vma = vma_setup(2, VM_READ | VM_WRITE, NULL);
	const unsigned long poisoned = FAULT_VA, swapped = FAULT_VA + PAGE_SIZE;
	pte_t marker;

	if (!vma)
		return;
	KEXPECT_EQ(fault(vma, poisoned, WRITE), 0);
	poison_page(vma, poisoned);
	marker = pte_at(vma, poisoned);
	KEXPECT(pte_is_swap(marker));
	KEXPECT_EQ(vma->vm_mm->nr_pages, 0);
	KEXPECT_EQ(fault(vma, poisoned, READ), VM_FAULT_HWPOISON | VM_FAULT_SIGBUS);
	KEXPECT_EQ(fault(vma, poisoned, WRITE), VM_FAULT_HWPOISON | VM_FAULT_SIGBUS);
	KEXPECT_EQ(pte_at(vma, poisoned), marker);

	pte_set(vma, swapped, pte_mkswap(2));
	KEXPECT_EQ(fault(vma, swapped, READ), VM_FAULT_SIGBUS);
	KEXPECT_EQ(pte_at(vma, swapped), pte_mkswap(2));
	KEXPECT_EQ(vma->vm_mm->nr_pages, 0);
	mmput(vma->vm_mm);
}

/* present and allowing the access: a stale TLB entry. 0, and the PTE stays as it was. */
KTEST(handle_pte_fault_spurious_leaves_pte)
{
	struct vm_area_struct *vma = vma_setup(2, VM_READ | VM_WRITE, NULL);
	const unsigned long rw = FAULT_VA, zero = FAULT_VA + PAGE_SIZE;
	unsigned long cows = current->faults.nr_cow_faults, zero_pages = current->faults.nr_zero_page_faults;
	pte_t before;

	if (!vma)
		return;
	KEXPECT_EQ(fault(vma, rw, WRITE), 0);
	before = pte_at(vma, rw);
	KEXPECT_EQ(fault(vma, rw, WRITE), 0);
	KEXPECT_EQ(fault(vma, rw + 64, READ), 0);
	KEXPECT_EQ(pte_at(vma, rw), before);

	KEXPECT_EQ(fault(vma, zero, READ), 0);
	before = pte_at(vma, zero);
	KEXPECT_EQ(fault(vma, zero, READ), 0);
	KEXPECT_EQ(pte_at(vma, zero), before);

	KEXPECT_EQ(vma->vm_mm->nr_pages, 1);
	KEXPECT_EQ(current->faults.nr_cow_faults, cows);
	KEXPECT_EQ(current->faults.nr_zero_page_faults, zero_pages + 1);
	mmput(vma->vm_mm);
}

/* The file a file-backed VMA maps: a page and 100 bytes, so its third page is past the end. */
static u8 file_bytes[PAGE_SIZE + 100];
static struct inode test_file = { .name = "handle_pte_fault", .data = file_bytes,
				  .size = sizeof(file_bytes), .i_count = 1, /* never freed */
				  .i_mmap = LIST_HEAD_INIT(test_file.i_mmap) };

/* The page cache's page at index of test_file (it must be cached already). */
static struct page *cached_page(unsigned long index)
{
	bool major;
	struct page *page = filemap_get_page(&test_file, index, &major);

	KEXPECT(!major);
	put_page(page); /* the cache keeps its own reference */
	return page;
}

/*
 * none, file: a read maps the page cache's page read-only (a major fault the first
 * time); a write maps a private copy of it (do_cow_fault), and so does a later write to
 * the read-only cached page (do_wp_page); past the end of the file is SIGBUS.
 */
KTEST(handle_pte_fault_none_file)
{
	struct vm_area_struct *vma;
	const unsigned long rd = FAULT_VA, wr = FAULT_VA + PAGE_SIZE,
			    past = FAULT_VA + 2 * PAGE_SIZE;
	unsigned long cows = current->faults.nr_cow_faults;
	struct page *cache;
	pte_t pte;

	for (size_t i = 0; i < sizeof(file_bytes); i++)
		file_bytes[i] = (u8)(i * 7 + 1);
	vma = vma_setup(3, VM_READ | VM_WRITE, &test_file);
	if (!vma)
		return;
	KEXPECT_EQ(fault(vma, rd + 5, READ), VM_FAULT_MAJOR);
	pte = pte_at(vma, rd);
	cache = cached_page(0);
	KEXPECT_EQ(pte_pa(pte), page_to_phys(cache));
	KEXPECT(!(pte_prot(pte) & PAGE_W));
	KEXPECT_EQ(memcmp(page_address(cache), file_bytes, PAGE_SIZE), 0);
	KEXPECT_EQ(cache->refcount, 2); /* the cache's and the mapping's */

	KEXPECT_EQ(fault(vma, wr, WRITE), VM_FAULT_MAJOR); /* read in, then copied */
	pte = pte_at(vma, wr);
	KEXPECT(pte_prot(pte) & PAGE_W);
	KEXPECT(pte_pa(pte) != page_to_phys(cached_page(1)));
	KEXPECT_EQ(cached_page(1)->refcount, 1); /* the cache's only */
	KEXPECT_EQ(memcmp(page_address(page_at(vma, wr)), file_bytes + PAGE_SIZE, 100), 0);
	KEXPECT_EQ(*((u8 *)page_address(page_at(vma, wr)) + 100), 0);
	KEXPECT_EQ(current->faults.nr_cow_faults, cows + 1);

	KEXPECT_EQ(fault(vma, rd, WRITE), 0);
	pte = pte_at(vma, rd);
	KEXPECT(pte_pa(pte) != page_to_phys(cache));
	KEXPECT(pte_prot(pte) & PAGE_W);
	KEXPECT_EQ(cache->refcount, 1);
	KEXPECT_EQ(memcmp(page_address(page_at(vma, rd)), file_bytes, PAGE_SIZE), 0);
	KEXPECT_EQ(current->faults.nr_cow_faults, cows + 2);

	KEXPECT_EQ(fault(vma, past, READ), VM_FAULT_SIGBUS);
	KEXPECT(pte_none(pte_at(vma, past)));
	KEXPECT_EQ(vma->vm_mm->nr_pages, 2);
	mmput(vma->vm_mm);
	shrink_page_cache(); /* nothing maps test_file's pages now: they go */
	KEXPECT(!filemap_cached(&test_file, 0) && !filemap_cached(&test_file, 1));
}

/*
 * The defensive row: a PROT_NONE PTE left in an accessible VMA (which no kernel path
 * does) fails with SIGSEGV instead of being called spurious (which would fault
 * forever), and stays as it was.
 */
KTEST(handle_pte_fault_pte_behind_vma_sigsegv)
{
	struct vm_area_struct *rw = vma_setup(1, VM_READ | VM_WRITE, NULL);
	pte_t prot_none;

	if (!rw)
		return;
	KEXPECT_EQ(fault(rw, FAULT_VA, WRITE), 0);
	prot_none = mk_pte(pte_pa(pte_at(rw, FAULT_VA)), PAGE_U);
	KEXPECT(!pte_present(prot_none) && !pte_none(prot_none) && !pte_is_swap(prot_none));
	pte_set(rw, FAULT_VA, prot_none);
	KEXPECT_EQ(fault(rw, FAULT_VA, READ), VM_FAULT_SIGSEGV);
	KEXPECT_EQ(fault(rw, FAULT_VA, WRITE), VM_FAULT_SIGSEGV);
	KEXPECT_EQ(pte_at(rw, FAULT_VA), prot_none);
	mmput(rw->vm_mm);
}
