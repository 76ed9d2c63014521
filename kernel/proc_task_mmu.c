/* /proc/<pid>/maps, smaps and smaps_rollup (see proc_task_mmu.h). */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/proc_task_mmu.h>
#include <kernel/seq_file.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <mm/page.h>
#include <mm/pgtable.h>
#include <mm/vma_tree.h>

/*
 * What a maps or smaps reader keeps between records: the process (by pid, so a reaped
 * one reads as the end of the file) and, from start() to stop(), its mm with a
 * reference and the mmap lock held for reading.
 */
struct proc_maps_private {
	int pid;
	struct mm_struct *mm;
};

#define MAPS_END (~0UL) /* the position past the last VMA */

/*
 * The record at *pos: the first VMA ending above address *pos (positions are addresses,
 * as in Linux 6.1's maps, so a VMA that comes or goes between reads moves nothing else).
 * Takes the process's mm and its lock; NULL (nothing taken) at the end.
 */
static void *m_start(struct seq_file *m, u64 *pos)
{
	struct proc_maps_private *priv = m->private;
	struct vm_area_struct *vma;
	struct task *t;

	if (*pos == MAPS_END)
		return NULL;
	t = find_task(priv->pid);
	if (!t || !t->mm)
		return NULL;
	priv->mm = t->mm;
	mmget(priv->mm); /* the lock may sleep, and the process exit meanwhile */
	mmap_read_lock(priv->mm);
	vma = find_vma(priv->mm, (unsigned long)*pos);
	if (!vma)
		*pos = MAPS_END;
	return vma;
}

static void *m_next(struct seq_file *m, void *v, u64 *pos)
{
	struct vm_area_struct *next = vma_next(v);

	(void)m;
	*pos = next ? next->vm_start : MAPS_END;
	return next;
}

static void m_stop(struct seq_file *m, void *v)
{
	struct proc_maps_private *priv = m->private;

	(void)v;
	if (!priv->mm)
		return;
	mmap_read_unlock(priv->mm);
	mmput(priv->mm);
	priv->mm = NULL;
}

/*
 * The path of inode as Linux's d_path prints a mapped file's: absolute, with
 * " (deleted)" after it once it is unlinked (shared memory's "/dev/zero (deleted)",
 * "/memfd:NAME (deleted)"). Nothing for an inode outside the tree.
 */
static void seq_inode_path(struct seq_file *m, const struct inode *inode)
{
	const struct inode *chain[64];
	int depth = 0;

	for (const struct inode *i = inode; i != fs_root && i->parent != i; i = i->parent) {
		if (depth == (int)ARRAY_SIZE(chain))
			return;
		chain[depth++] = i;
	}
	if (!depth)
		seq_putc(m, '/');
	while (depth--) {
		seq_putc(m, '/');
		seq_puts(m, chain[depth]->name);
	}
	if (!inode->linked)
		seq_puts(m, " (deleted)");
}

/*
 * One line of maps (Linux's show_map_vma): "start-end perms offset major:minor inode",
 * at least 8 hex digits an address; then for a named VMA, spaces to column 73 and the
 * name: the file's path, [heap] (the VMA holding the break's range), [stack].
 */
static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	struct inode *inode = vma->vm_inode;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long flags = vma->vm_flags;

	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p',
		   inode ? vma->vm_pgoff << PAGE_SHIFT : 0UL, 0u,
		   inode && inode->sb ? inode->sb->s_dev : 0u, inode ? (unsigned long)inode->ino : 0UL);
	if (inode) {
		seq_pad(m, ' ');
		seq_inode_path(m, inode);
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		seq_pad(m, ' ');
		seq_puts(m, "[heap]");
	} else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack) {
		seq_pad(m, ' ');
		seq_puts(m, "[stack]");
	}
	seq_putc(m, '\n');
}

static int show_map(struct seq_file *m, void *v)
{
	show_map_vma(m, v);
	return 0;
}

/*
 * What smaps counts of a VMA (Linux's struct mem_size_stats), in bytes; pss fields in
 * bytes << PSS_SHIFT, so a page shared by three keeps its fractions.
 */
#define PSS_SHIFT 12
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous, swap;
	u64 pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked;
};

/*
 * How many page tables map page: Faultline keeps no map count, so its stand-in is the
 * reference count, less the page cache's own reference for a cache page. Each PTE
 * mapping a page holds one reference (fork takes one for the child's PTE); a reference
 * held a moment by GUP or a read in progress counts as a mapping while it lasts.
 */
static unsigned int page_mapcount(const struct page *page)
{
	return page->refcount - ((page->flags & PG_cache) ? 1 : 0);
}

/*
 * Dirty, as Linux's smaps says it (the PTE's dirty bit or the page's): an anonymous
 * page always is (it has no copy anywhere else). Both arches set the PTE's D bit when
 * they map a page (mk_pte), so for a file page the hardware bit says nothing; a page a
 * shared mapping may write counts as dirty, one it can only read as clean.
 */
static bool smaps_page_dirty(const struct page *page, pte_t pte, struct vm_area_struct *vma)
{
	if (!(page->flags & PG_cache))
		return true;
	return (vma->vm_flags & VM_SHARED) && (pte_prot(pte) & PAGE_W);
}

/* Count one resident page of vma (Linux's smaps_account and smaps_page_accumulate). */
static void smaps_account(struct mem_size_stats *mss, struct vm_area_struct *vma, pte_t pte,
			  struct page *page)
{
	unsigned int mapcount = page_mapcount(page);
	bool dirty = smaps_page_dirty(page, pte, vma), private = mapcount < 2;
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;

	if (mapcount >= 2)
		pss /= mapcount;
	mss->resident += PAGE_SIZE;
	mss->referenced += PAGE_SIZE; /* the accessed bit is set when a page is mapped */
	if (!(page->flags & PG_cache)) {
		mss->anonymous += PAGE_SIZE;
		mss->pss_anon += pss;
	} else if (page->mapping->cache_only) {
		mss->pss_shmem += pss;
	} else {
		mss->pss_file += pss;
	}
	mss->pss += pss;
	if (vma->vm_flags & VM_LOCKED)
		mss->pss_locked += pss;
	if (dirty) {
		mss->pss_dirty += pss;
		if (private)
			mss->private_dirty += PAGE_SIZE;
		else
			mss->shared_dirty += PAGE_SIZE;
	} else if (private) {
		mss->private_clean += PAGE_SIZE;
	} else {
		mss->shared_clean += PAGE_SIZE;
	}
}

/*
 * Add vma's resident pages to mss (smaps_account() for each), walking its page tables
 * once per leaf table: walk_range() gives the PTE of an address and the end of what its
 * leaf table maps, and the PTEs up to there follow it in memory; where a table is
 * missing it says how far nothing is mapped. An empty PTE or a swap entry is not
 * resident; the zero page is not counted, as Linux's vm_normal_page() leaves it out.
 * (A swap entry that is a real swapped-out page would count in Swap; a poisoned page is
 * none.)
 */
static void smap_gather_stats(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	/* LAB pagetables: begin */
	unsigned long va = vma->vm_start, next;

	while (va < vma->vm_end) {
		pte_t *pte = walk_range(vma->vm_mm->pgd, va, &next);
		unsigned long stop = MIN(next, vma->vm_end);

		if (next <= va)
			break; /* the top of the address space */
		for (; pte && va < stop; va += PAGE_SIZE, pte++) {
			struct page *page;

			if (pte_none(*pte) || pte_is_swap(*pte))
				continue;
			page = pfn_to_page(pte_pa(*pte) >> PAGE_SHIFT);
			if (page != zero_page)
				smaps_account(mss, vma, *pte, page);
		}
		va = stop;
	}
#if 0 /* LAB pagetables: student */
	/*
	 * TODO(pagetables): call smaps_account() for every resident page of vma as the
	 * contract above says, leaf table by leaf table (walk_range()), never one descent
	 * from the root per page.
	 *
	 * Until then no page is counted: smaps shows Rss 0 for every mapping.
	 */
	(void)vma;
	(void)mss;
	(void)smaps_account;
#endif /* LAB pagetables: end */
}

/* A "Name:   value kB" line of smaps: the value right-aligned in 8 columns after the
 * 16-column name, as Linux's SEQ_PUT_DEC. */
static void smap_line(struct seq_file *m, const char *name, unsigned long bytes)
{
	seq_printf(m, "%-16s%8lu kB\n", name, bytes >> 10);
}

/* The counts of smaps and smaps_rollup (Linux 6.1's __show_smap). */
static void show_smap_stats(struct seq_file *m, const struct mem_size_stats *mss, bool rollup)
{
	smap_line(m, "Rss:", mss->resident);
	smap_line(m, "Pss:", (unsigned long)(mss->pss >> PSS_SHIFT));
	smap_line(m, "Pss_Dirty:", (unsigned long)(mss->pss_dirty >> PSS_SHIFT));
	if (rollup) {
		smap_line(m, "Pss_Anon:", (unsigned long)(mss->pss_anon >> PSS_SHIFT));
		smap_line(m, "Pss_File:", (unsigned long)(mss->pss_file >> PSS_SHIFT));
		smap_line(m, "Pss_Shmem:", (unsigned long)(mss->pss_shmem >> PSS_SHIFT));
	}
	smap_line(m, "Shared_Clean:", mss->shared_clean);
	smap_line(m, "Shared_Dirty:", mss->shared_dirty);
	smap_line(m, "Private_Clean:", mss->private_clean);
	smap_line(m, "Private_Dirty:", mss->private_dirty);
	smap_line(m, "Referenced:", mss->referenced);
	smap_line(m, "Anonymous:", mss->anonymous);
	smap_line(m, "LazyFree:", 0);
	smap_line(m, "AnonHugePages:", 0);
	smap_line(m, "ShmemPmdMapped:", 0);
	smap_line(m, "FilePmdMapped:", 0);
	smap_line(m, "Shared_Hugetlb:", 0);
	seq_printf(m, "Private_Hugetlb: %7lu kB\n", 0UL);
	smap_line(m, "Swap:", mss->swap);
	smap_line(m, "SwapPss:", 0);
	smap_line(m, "Locked:", (unsigned long)(mss->pss_locked >> PSS_SHIFT));
}

/*
 * VmFlags' two-letter names, by bit of vm_flags (Linux's show_smap_vma_flags); bits
 * Faultline never sets keep Linux's names all the same.
 */
static const char vm_flag_names[64][3] = {
	[0] = "rd", [1] = "wr", [2] = "ex", [3] = "sh", [4] = "mr", [5] = "mw", [6] = "me",
	[7] = "ms", [8] = "gd", [9] = "um", [10] = "pf", [12] = "uw", [13] = "lo", [14] = "io", [15] = "sr",
	[16] = "rr", [17] = "dc", [18] = "de", [19] = "lf", [20] = "ac", [21] = "nr",
	[22] = "ht", [23] = "sf", [24] = "ar", [25] = "wf", [26] = "dd", [27] = "sd",
	[28] = "mm", [29] = "hg", [30] = "nh", [31] = "mg", [38] = "ui",
};

static void show_smap_vma_flags(struct seq_file *m, struct vm_area_struct *vma)
{
	seq_puts(m, "VmFlags: ");
	for (unsigned int bit = 0; bit < ARRAY_SIZE(vm_flag_names); bit++) {
		if (vm_flag_names[bit][0] && (vma->vm_flags & (1UL << bit))) {
			seq_puts(m, vm_flag_names[bit]);
			seq_putc(m, ' ');
		}
	}
	seq_putc(m, '\n');
}

/* One VMA of smaps: its maps line, its sizes, its counts, its flags. */
static int show_smap(struct seq_file *m, void *v)
{
	struct vm_area_struct *vma = v;
	struct mem_size_stats mss;

	memset(&mss, 0, sizeof(mss));
	smap_gather_stats(vma, &mss);
	show_map_vma(m, vma);
	smap_line(m, "Size:", vma->vm_end - vma->vm_start);
	smap_line(m, "KernelPageSize:", PAGE_SIZE);
	smap_line(m, "MMUPageSize:", PAGE_SIZE);
	show_smap_stats(m, &mss, false);
	seq_printf(m, "%-16s%8d\n", "THPeligible:", 0);
	show_smap_vma_flags(m, vma);
	return 0;
}

/*
 * smaps_rollup: one record, "first-last ---p 00000000 00:00 0 [rollup]" and the counts
 * of all VMAs together. The lock is taken here, not by an iterator: one record.
 */
static int show_smaps_rollup(struct seq_file *m, void *v)
{
	struct mem_size_stats mss;
	struct vm_area_struct *vma, *last = NULL;
	u64 pos = 0;

	(void)v;
	memset(&mss, 0, sizeof(mss));
	vma = m_start(m, &pos);
	if (!vma) {
		m_stop(m, NULL);
		return 0;
	}
	for (struct vm_area_struct *it = vma; it; it = vma_next(it)) {
		smap_gather_stats(it, &mss);
		last = it;
	}
	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_printf(m, "%08lx-%08lx ---p 00000000 00:00 0 ", vma->vm_start, last->vm_end);
	seq_pad(m, ' ');
	seq_puts(m, "[rollup]\n");
	show_smap_stats(m, &mss, true);
	m_stop(m, NULL);
	return 0;
}

static const struct seq_operations maps_ops = {
	.start = m_start, .next = m_next, .stop = m_stop, .show = show_map,
};
static const struct seq_operations smaps_ops = {
	.start = m_start, .next = m_next, .stop = m_stop, .show = show_smap,
};

/* A reader's private state for inode's process; NULL if out of memory. */
static struct proc_maps_private *maps_private(struct inode *inode)
{
	struct proc_maps_private *priv = kzalloc(sizeof(*priv));

	if (priv)
		priv->pid = inode->pid;
	return priv;
}

static int open_with(struct inode *inode, struct file *file, const struct seq_operations *ops)
{
	struct proc_maps_private *priv = maps_private(inode);
	int err;

	if (!priv)
		return -ENOMEM;
	err = seq_open(file, ops, priv);
	if (err)
		kfree(priv);
	return err;
}

static int maps_open(struct inode *inode, struct file *file)
{
	return open_with(inode, file, &maps_ops);
}

static int smaps_open(struct inode *inode, struct file *file)
{
	return open_with(inode, file, &smaps_ops);
}

static int smaps_rollup_open(struct inode *inode, struct file *file)
{
	struct proc_maps_private *priv = maps_private(inode);
	int err;

	if (!priv)
		return -ENOMEM;
	err = single_open(file, show_smaps_rollup, priv);
	if (err)
		kfree(priv);
	return err;
}

/* Free the private state with the seq_file. */
static void maps_release(struct file *file)
{
	struct seq_file *m = seq_file_of(file);

	kfree(m->private);
	seq_release(file);
}

const struct file_operations proc_pid_maps_ops = {
	.open = maps_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = maps_release,
};
const struct file_operations proc_pid_smaps_ops = {
	.open = smaps_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = maps_release,
};
const struct file_operations proc_pid_smaps_rollup_ops = {
	.open = smaps_rollup_open, .read_iter = seq_read_iter, .llseek = seq_lseek,
	.release = maps_release,
};
