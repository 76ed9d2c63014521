/*
 * /proc/<pid>/pagemap (Linux's pagemap_read, Documentation/admin-guide/mm/pagemap.rst):
 * one 64-bit entry for each virtual page of the process, the entry of address va at
 * offset (va / PAGE_SIZE) * 8:
 *   bit 63     present (mapped now; a PROT_NONE page keeps its frame and counts too)
 *   bit 62     swapped: a swap entry; bits 0-4 its type, bits 5-54 its offset
 *   bit 61     a page-cache page (file, or shared memory), not anonymous
 *   bit 57     write-protected by a user pager (uffd-wp): a present page with the mark,
 *              or the marker of an unpopulated one (which also shows as swapped)
 *   bit 56     exclusively mapped: mapped by this one PTE only
 *   bit 55     soft-dirty (0: Faultline does not track it)
 *   bits 0-54  the frame number of a present page, if the reader opened the file with
 *              CAP_SYS_ADMIN (root), else 0 (physical addresses help attacks)
 * The zero page is present, but neither file nor exclusive (Linux's vm_normal_page()
 * leaves it out), so its entry is bit 63 and the zero page's frame.
 */
#include <errno.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/proc_mem.h>
#include <kernel/proc_task_mmu.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <kernel/uio.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <mm/page.h>
#include <mm/pgtable.h>
#include <mm/pte_marker.h>
#include <uapi/abi.h>

#define PM_ENTRY_BYTES      8
#define PM_PFRAME_MASK      ((1UL << 55) - 1)
#define PM_SOFT_DIRTY       (1UL << 55)
#define PM_MMAP_EXCLUSIVE   (1UL << 56)
#define PM_UFFD_WP          (1UL << 57)
#define PM_FILE             (1UL << 61)
#define PM_SWAP             (1UL << 62)
#define PM_PRESENT          (1UL << 63)
#define MAX_SWAPFILES_SHIFT 5 /* a swap entry's type takes bits 0-4, as Linux's */
#define PM_CHUNK            (KMALLOC_MAX_SIZE / PM_ENTRY_BYTES) /* entries made per turn */

/* What an open pagemap remembers: the process, and whether frame numbers are shown. */
struct pagemap_private {
	int pid;
	bool show_pfn;
};

/* The entry for a page of vma whose PTE is pte. */
static u64 pte_to_pagemap_entry(pte_t pte, bool show_pfn)
{
	struct page *page;
	u64 flags = PM_PRESENT;

	if (pte_none(pte))
		return 0;
	if (pte_is_swap(pte)) {
		unsigned long val = pte_swap_val(pte);

		/* Faultline's swap value is the type (a poisoned page's is 1, Linux's SWP_HWPOISON
		 * idea); no real swap device yet, so no offset. */
		return PM_SWAP | (pte_marker_uffd_wp(pte) ? PM_UFFD_WP : 0) |
		       (show_pfn ? (val & ((1UL << MAX_SWAPFILES_SHIFT) - 1)) : 0);
	}
	if (pte_uffd_wp(pte))
		flags |= PM_UFFD_WP;
	page = pfn_to_page(pte_pa(pte) >> PAGE_SHIFT);
	if (show_pfn)
		flags |= page_to_pfn(page) & PM_PFRAME_MASK;
	if (page == zero_page)
		return flags;
	if (page->flags & PG_cache)
		flags |= PM_FILE;
	/* Mapped by one PTE: the stand-in for Linux's page_mapcount() == 1 is smaps' (the
	 * reference count, less the page cache's own reference). */
	if (page->refcount - ((page->flags & PG_cache) ? 1u : 0u) == 1)
		flags |= PM_MMAP_EXCLUSIVE;
	return flags;
}

/*
 * Fill buf[0..n) with the entries of the pages from va on, in mm (whose lock the caller
 * holds): 0 outside every VMA, from the PTEs inside. One descent per leaf table.
 */
static void pagemap_fill(struct mm_struct *mm, unsigned long va, u64 *buf, size_t n, bool show_pfn)
{
	size_t i = 0;

	while (i < n) {
		struct vm_area_struct *vma = find_vma(mm, va);
		unsigned long next, stop;
		pte_t *pte;

		if (!vma || vma->vm_start > va) { /* a hole, up to the next VMA */
			unsigned long hole_end = vma ? vma->vm_start : ~0UL;

			for (; i < n && va < hole_end; i++, va += PAGE_SIZE)
				buf[i] = 0;
			continue;
		}
		pte = walk_range(mm->pgd, va, &next);
		stop = MIN(next, vma->vm_end);
		for (; i < n && va < stop; i++, va += PAGE_SIZE)
			buf[i] = pte ? pte_to_pagemap_entry(*pte++, show_pfn) : 0;
	}
}

/*
 * Linux's rules: a position and a count that are not multiples of 8 are EINVAL; reading
 * ends at TASK_SIZE; a fault on the reader's buffer is EFAULT, even after entries were
 * copied before it. Entries are made a chunk at a time under the mmap lock and copied
 * out after it is dropped (the copy may fault).
 */
static long pagemap_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	struct pagemap_private *priv = file->private_data;
	size_t count = iov_iter_count(to), copied = 0;
	unsigned long va, end = TASK_SIZE;
	bool faulted = false;
	struct mm_struct *mm;
	struct task *t;
	u64 *buf;

	if (*pos % PM_ENTRY_BYTES || count % PM_ENTRY_BYTES)
		return -EINVAL;
	va = *pos / PM_ENTRY_BYTES > end / PAGE_SIZE ? end : (unsigned long)(*pos / PM_ENTRY_BYTES) * PAGE_SIZE;
	buf = kmalloc(PM_CHUNK * PM_ENTRY_BYTES);
	if (!buf)
		return -ENOMEM;
	/* A process that has exited, reaped or not, has no pages left: the end of the file,
	 * as Linux's pagemap of an address space with no users left. */
	t = find_task(priv->pid);
	if (!t || !t->mm || t->state == TASK_ZOMBIE) {
		kfree(buf);
		return 0;
	}
	mm = t->mm;
	mmget(mm);
	while (va < end && copied < count) {
		size_t n = MIN(MIN((count - copied) / PM_ENTRY_BYTES, PM_CHUNK), (end - va) / PAGE_SIZE);
		size_t done;

		mmap_read_lock(mm);
		pagemap_fill(mm, va, buf, n, priv->show_pfn);
		mmap_read_unlock(mm);
		done = copy_to_iter(buf, n * PM_ENTRY_BYTES, to);
		if (done < n * PM_ENTRY_BYTES) {
			faulted = true;
			break;
		}
		copied += done;
		va += n * PAGE_SIZE;
		cond_resched();
	}
	mmput(mm);
	kfree(buf);
	if (faulted)
		return -EFAULT;
	*pos += copied;
	return (long)copied;
}

/* Frame numbers only for a reader holding CAP_SYS_ADMIN when it opened the file, as
 * Linux decides at open (file_ns_capable): root with its capabilities. */
static int pagemap_open(struct inode *inode, struct file *file)
{
	struct pagemap_private *priv = kmalloc(sizeof(*priv));

	if (!priv)
		return -ENOMEM;
	priv->pid = inode->pid;
	priv->show_pfn = cred_capable(&current->cred); /* CAP_SYS_ADMIN */
	file->private_data = priv;
	return 0;
}

static void pagemap_release(struct file *file)
{
	kfree(file->private_data);
}

const struct file_operations proc_pid_pagemap_ops = {
	.open = pagemap_open,
	.read_iter = pagemap_read,
	.llseek = mem_lseek,
	.release = pagemap_release,
};
