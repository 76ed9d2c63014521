/*
 * /proc/meminfo and /proc/vmstat (Linux's fs/proc/meminfo.c and mm/vmstat.c): the
 * machine's memory, in Linux's field names and order. A field Faultline does not track
 * (no swap, no huge pages, no LRU lists) reads 0, so a program that parses Linux's file
 * parses this one. Both are seq_files: made at each read.
 */
#include <kernel/procfs.h>
#include <kernel/seq_file.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/mm.h>
#include <mm/pgtable.h>

/*
 * Pages mapped in all address spaces, by kind: each address space counted once (a
 * thread group shares one). A page shared by several (after fork) counts once for each,
 * where Linux's NR_ANON_MAPPED counts it once: Faultline keeps no system-wide count.
 */
struct mapped_pages {
	unsigned long anon, file, shmem;
};

static void count_mapped(struct mapped_pages *mp)
{
	struct task *t = NULL;

	memset(mp, 0, sizeof(*mp));
	while ((t = task_next(t)) != NULL) {
		if (t->pid != t->tgid || !t->mm)
			continue;
		mp->anon += t->mm->rss_stat[MM_ANONPAGES];
		mp->file += t->mm->rss_stat[MM_FILEPAGES];
		mp->shmem += t->mm->rss_stat[MM_SHMEMPAGES];
	}
}

/* Fields Faultline does not track, in runs between the ones it does (Linux's order). */
static const char *const untracked_after_cached[] = {
	"SwapCached:", "Active:", "Inactive:", "Active(anon):", "Inactive(anon):",
	"Active(file):", "Inactive(file):", "Unevictable:", "Mlocked:", "SwapTotal:",
	"SwapFree:", "Dirty:", "Writeback:",
};
static const char *const untracked_after_shmem[] = {
	"KReclaimable:", "Slab:", "SReclaimable:", "SUnreclaim:", "KernelStack:",
};
static const char *const untracked_after_committed[] = {
	"VmallocTotal:", "VmallocUsed:", "VmallocChunk:", "Percpu:", "HardwareCorrupted:",
	"AnonHugePages:", "ShmemHugePages:", "ShmemPmdMapped:", "FileHugePages:",
	"FilePmdMapped:",
};

static void show_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%-16s%8lu kB\n", name, pages * (PAGE_SIZE / 1024));
}

/*
 * meminfo: MemAvailable is what could be had without killing anything: the free frames
 * and the page cache, which gives itself back under pressure (tmpfs's pages do not, and
 * are counted all the same: Faultline keeps no system-wide count of them).
 * CommitLimit is Linux's with vm.overcommit_ratio 50 and no swap.
 */
static int meminfo_show(struct seq_file *m, void *v)
{
	unsigned long total = nr_managed_frames(), free = nr_free_frames();
	unsigned long cached = nr_cached_pages();
	struct mapped_pages mp;

	(void)v;
	count_mapped(&mp);
	show_kb(m, "MemTotal:", total);
	show_kb(m, "MemFree:", free);
	show_kb(m, "MemAvailable:", free + cached);
	show_kb(m, "Buffers:", 0);
	show_kb(m, "Cached:", cached);
	for (size_t i = 0; i < ARRAY_SIZE(untracked_after_cached); i++)
		show_kb(m, untracked_after_cached[i], 0);
	show_kb(m, "AnonPages:", mp.anon);
	show_kb(m, "Mapped:", mp.file + mp.shmem);
	show_kb(m, "Shmem:", mp.shmem);
	for (size_t i = 0; i < ARRAY_SIZE(untracked_after_shmem); i++)
		show_kb(m, untracked_after_shmem[i], 0);
	show_kb(m, "PageTables:", nr_user_pgtables);
	show_kb(m, "NFS_Unstable:", 0);
	show_kb(m, "Bounce:", 0);
	show_kb(m, "WritebackTmp:", 0);
	show_kb(m, "CommitLimit:", total / 2);
	show_kb(m, "Committed_AS:", 0);
	for (size_t i = 0; i < ARRAY_SIZE(untracked_after_committed); i++)
		show_kb(m, untracked_after_committed[i], 0);
	seq_printf(m, "HugePages_Total:   %5u\nHugePages_Free:    %5u\nHugePages_Rsvd:    %5u\n"
		   "HugePages_Surp:    %5u\n", 0u, 0u, 0u, 0u);
	show_kb(m, "Hugepagesize:", 0);
	show_kb(m, "Hugetlb:", 0);
	return 0;
}

static int meminfo_open(struct inode *inode, struct file *file)
{
	(void)inode;
	return single_open(file, meminfo_show, NULL);
}

const struct file_operations proc_meminfo_ops = {
	.open = meminfo_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = seq_release,
};

/*
 * vmstat: one "name value" line a counter (a record each, so the file may be long).
 * Linux's names and order for the ones that mean something here; then Faultline's own
 * counters of the fault path, faultline_*.
 */
enum vmstat_item {
	VS_NR_FREE_PAGES, VS_NR_ANON_PAGES, VS_NR_MAPPED, VS_NR_FILE_PAGES, VS_NR_DIRTY,
	VS_NR_WRITEBACK, VS_NR_SHMEM, VS_NR_KERNEL_STACK, VS_NR_PAGE_TABLE_PAGES,
	VS_NR_SWAPCACHED, VS_PGPGIN, VS_PGPGOUT, VS_PSWPIN, VS_PSWPOUT, VS_PGFAULT,
	VS_PGMAJFAULT, VS_OOM_KILL, VS_FL_MINOR, VS_FL_ZERO, VS_FL_COW, VS_FL_RETRY, VS_FL_BAD,
	VS_FL_WALK, NR_VMSTAT_ITEMS
};

static const char *const vmstat_names[NR_VMSTAT_ITEMS] = {
	[VS_NR_FREE_PAGES] = "nr_free_pages", [VS_NR_ANON_PAGES] = "nr_anon_pages",
	[VS_NR_MAPPED] = "nr_mapped", [VS_NR_FILE_PAGES] = "nr_file_pages",
	[VS_NR_DIRTY] = "nr_dirty", [VS_NR_WRITEBACK] = "nr_writeback",
	[VS_NR_SHMEM] = "nr_shmem", [VS_NR_KERNEL_STACK] = "nr_kernel_stack",
	[VS_NR_PAGE_TABLE_PAGES] = "nr_page_table_pages", [VS_NR_SWAPCACHED] = "nr_swapcached",
	[VS_PGPGIN] = "pgpgin", [VS_PGPGOUT] = "pgpgout", [VS_PSWPIN] = "pswpin",
	[VS_PSWPOUT] = "pswpout", [VS_PGFAULT] = "pgfault", [VS_PGMAJFAULT] = "pgmajfault",
	[VS_OOM_KILL] = "oom_kill", [VS_FL_MINOR] = "faultline_minor_fault",
	[VS_FL_ZERO] = "faultline_zero_page", [VS_FL_COW] = "faultline_cow",
	[VS_FL_RETRY] = "faultline_fault_retry", [VS_FL_BAD] = "faultline_bad_fault",
	[VS_FL_WALK] = "faultline_pgtable_walk",
};

static unsigned long vmstat_value(enum vmstat_item item)
{
	struct mapped_pages mp;

	switch (item) {
	case VS_NR_FREE_PAGES:
		return nr_free_frames();
	case VS_NR_ANON_PAGES:
	case VS_NR_MAPPED:
	case VS_NR_SHMEM:
		count_mapped(&mp);
		return item == VS_NR_ANON_PAGES ? mp.anon : item == VS_NR_SHMEM ? mp.shmem :
		       mp.file + mp.shmem;
	case VS_NR_FILE_PAGES:
		return nr_cached_pages();
	case VS_NR_PAGE_TABLE_PAGES:
		return nr_user_pgtables;
	case VS_PGFAULT:
		return vm_events.nr_faults;
	case VS_PGMAJFAULT:
		return vm_events.nr_major_faults;
	case VS_OOM_KILL:
		return nr_oom_kills;
	case VS_FL_MINOR:
		return vm_events.nr_minor_faults;
	case VS_FL_ZERO:
		return vm_events.nr_zero_page_faults;
	case VS_FL_COW:
		return vm_events.nr_cow_faults;
	case VS_FL_RETRY:
		return vm_events.nr_retries;
	case VS_FL_BAD:
		return vm_events.nr_bad_faults;
	case VS_FL_WALK:
		return nr_pgtable_walks;
	default:
		return 0;
	}
}

static void *vmstat_start(struct seq_file *m, u64 *pos)
{
	(void)m;
	return *pos < NR_VMSTAT_ITEMS ? (void *)(uintptr_t)(*pos + 1) : NULL;
}

static void *vmstat_next(struct seq_file *m, void *v, u64 *pos)
{
	(void)v;
	++*pos;
	return vmstat_start(m, pos);
}

static void vmstat_stop(struct seq_file *m, void *v)
{
	(void)m, (void)v;
}

static int vmstat_show(struct seq_file *m, void *v)
{
	enum vmstat_item item = (enum vmstat_item)((uintptr_t)v - 1);

	seq_printf(m, "%s %lu\n", vmstat_names[item], vmstat_value(item));
	return 0;
}

static const struct seq_operations vmstat_ops = {
	.start = vmstat_start, .next = vmstat_next, .stop = vmstat_stop, .show = vmstat_show,
};

static int vmstat_open(struct inode *inode, struct file *file)
{
	(void)inode;
	return seq_open(file, &vmstat_ops, NULL);
}

const struct file_operations proc_vmstat_ops = {
	.open = vmstat_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = seq_release,
};
