/* /proc/<pid>/ files (see proc_pid.h). */
#include <arch.h>
#include <asm/memory.h>
#include <errno.h>
#include <kernel/fdtable.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/proc_pid.h>
#include <kernel/seq_file.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/timer.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <mm/page.h>
#include <mm/pgtable.h>
#include <uapi/abi.h>

/* The process a /proc/<pid> file is about (m->private holds its pid), or NULL once it
 * has been reaped. Nothing may sleep from here until the record is made. */
static struct task *seq_task(struct seq_file *m)
{
	return find_task((int)(long)m->private);
}

/* The process id of t's parent process (0 for init), as Linux's real_parent's tgid: a
 * thread's parent is its leader's. */
static int parent_tgid(const struct task *t)
{
	const struct task *parent = t->group_leader->parent;

	return parent ? parent->tgid : 0;
}

/* Threads of t's process not yet exited (Linux's signal->nr_threads). */
static int nr_threads(const struct task *t)
{
	return t->sighand ? t->sighand->nr_threads : 0;
}

/* Linux's one-letter state and its name. */
static char state_char(const struct task *t)
{
	switch (t->state) {
	case TASK_RUNNABLE:
	case TASK_RUNNING:
		return 'R';
	case TASK_SLEEPING:
		return 'S';
	case TASK_STOPPED:
		return 'T';
	default:
		return 'Z';
	}
}

static const char *state_name(char c)
{
	return c == 'R' ? "R (running)" : c == 'S' ? "S (sleeping)" : c == 'T' ? "T (stopped)" :
	       "Z (zombie)";
}

/*
 * Copy [va, va+len) of mm into buf as far as its pages are present, without faulting and
 * without sleeping (so mm cannot go away meanwhile, whoever it belongs to); the bytes
 * copied.
 */
static size_t peek_mm(struct mm_struct *mm, unsigned long va, char *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		size_t chunk = MIN(len - done, PAGE_SIZE - va % PAGE_SIZE);
		pte_t *pte = walk(mm->pgd, va, false);

		if (!pte || !pte_present(*pte))
			break;
		memcpy(buf + done, __va(pte_pa(*pte) + va % PAGE_SIZE), chunk);
		done += chunk;
		va += chunk;
	}
	return done;
}

/*
 * cmdline: the argument strings, each with its NUL, as exec left them on the stack, as
 * far as one seq_file buffer holds them (KMALLOC_MAX_SIZE less one byte).
 */
static int cmdline_show(struct seq_file *m, void *v)
{
	struct task *t = seq_task(m);
	struct mm_struct *mm;
	size_t room;

	(void)v;
	if (!t)
		return -ESRCH;
	mm = t->mm;
	if (!mm || mm->arg_end <= mm->arg_start)
		return 0;
	if (m->size < KMALLOC_MAX_SIZE && mm->arg_end - mm->arg_start >= m->size) {
		m->count = m->size; /* overflow: made again in a bigger buffer */
		return 0;
	}
	room = MIN(mm->arg_end - mm->arg_start, (unsigned long)m->size - 1 - m->count);
	m->count += peek_mm(mm, mm->arg_start, m->buf + m->count, room);
	return 0;
}

/* stat: Linux's 52 fields on one line (fs/proc/array.c, do_task_stat()). */
static int stat_show(struct seq_file *m, void *v)
{
	struct task *t = seq_task(m);
	struct mm_struct *mm;
	unsigned long ticks;

	(void)v;
	if (!t)
		return -ESRCH;
	mm = t->mm;
	ticks = (unsigned long)(t->cputime_ns / TICK_NSEC);
	seq_printf(m, "%d (%s) %c %d %d %d 0 -1 4194304 %lu %lu %lu %lu %lu 0 0 0 20 0 %d 0 0 %lu %lu "
		   "18446744073709551615 0 0 %lu 0 0 %lu %lu 0 0 0 0 0 %d 0 0 0 0 0 0 0 0 %lu "
		   "%lu %lu 0 0 0\n",
		   t->pid, t->name, state_char(t), parent_tgid(t), t->signal->pgid, t->signal->sid,
		   t->faults.nr_minor_faults, t->child_minflt, t->faults.nr_major_faults,
		   t->child_majflt, ticks, nr_threads(t), mm ? mm->total_vm << PAGE_SHIFT : 0UL,
		   mm ? mm->nr_pages : 0UL, mm ? mm->start_stack : 0UL, t->pending.sig[0],
		   t->blocked.sig[0], t->exit_signal, mm ? mm->start_brk : 0UL,
		   mm ? mm->arg_start : 0UL, mm ? mm->arg_end : 0UL);
	return 0;
}

/*
 * Pages of mm's VMAs by what they hold, as Linux's mm->data_vm, stack_vm and exec_vm
 * count them: data is private and writable (not the stack), stack grows down, exec is
 * executable and not writable. Linux splits exec into the program's text (VmExe) and
 * the rest (VmLib) by the code's address range; here text is what maps exe.
 */
struct vm_kinds {
	unsigned long data, stack, exe, lib;
};

static void count_vm_kinds(struct mm_struct *mm, const struct inode *exe, struct vm_kinds *k)
{
	struct list_head *pos;

	memset(k, 0, sizeof(*k));
	list_for_each(pos, &mm->mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		unsigned long f = vma->vm_flags;

		if ((f & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE)
			k->data += pages;
		else if (f & VM_GROWSDOWN)
			k->stack += pages;
		else if ((f & (VM_EXEC | VM_WRITE)) == VM_EXEC && vma->vm_inode && vma->vm_inode == exe)
			k->exe += pages;
		else if ((f & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			k->lib += pages;
	}
}

/* status's memory lines, Linux's names and order (fs/proc/task_mmu.c, task_mem()). */
static void status_mem(struct seq_file *m, struct mm_struct *mm, const struct inode *exe)
{
	const unsigned long kb = PAGE_SIZE / 1024;
	struct vm_kinds k;

	count_vm_kinds(mm, exe, &k);
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n"
		   "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\nRssFile:\t%8lu kB\n"
		   "RssShmem:\t%8lu kB\nVmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n"
		   "VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\nHugetlbPages:\t%8lu kB\n"
		   "CoreDumping:\t0\nTHP_enabled:\t1\n",
		   MAX(mm->hiwater_vm, mm->total_vm) * kb, mm->total_vm * kb, mm->locked_vm * kb,
		   0UL, MAX(mm->hiwater_rss, mm->nr_pages) * kb, mm->nr_pages * kb,
		   mm->rss_stat[MM_ANONPAGES] * kb, mm->rss_stat[MM_FILEPAGES] * kb,
		   mm->rss_stat[MM_SHMEMPAGES] * kb, k.data * kb, k.stack * kb, k.exe * kb,
		   k.lib * kb, mm->nr_pgtables * kb, mm->rss_stat[MM_SWAPENTS] * kb, 0UL);
}

/* status: "Name:\tvalue" lines, Linux's names (fs/proc/array.c, proc_pid_status()). */
static int status_show(struct seq_file *m, void *v)
{
	struct task *t = seq_task(m);
	const struct cred *c;

	(void)v;
	if (!t)
		return -ESRCH;
	c = &t->cred;
	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
		   "TracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%d\nGroups:\t\n",
		   t->name, t->umask, state_name(state_char(t)), t->tgid, t->pid, parent_tgid(t),
		   c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid,
		   fd_table_size(t->files));
	if (t->mm)
		status_mem(m, t->mm, t->exe);
	seq_printf(m, "Threads:\t%d\nSigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n",
		   nr_threads(t), t->pending.sig[0],
		   t->sighand ? t->sighand->shared_pending.sig[0] : 0UL, t->blocked.sig[0]);
	return 0;
}

static int cmdline_open(struct inode *inode, struct file *file)
{
	return single_open(file, cmdline_show, (void *)(long)inode->pid);
}

static int stat_open(struct inode *inode, struct file *file)
{
	return single_open(file, stat_show, (void *)(long)inode->pid);
}

static int status_open(struct inode *inode, struct file *file)
{
	return single_open(file, status_show, (void *)(long)inode->pid);
}

const struct file_operations proc_pid_cmdline_ops = {
	.open = cmdline_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = seq_release,
};
const struct file_operations proc_pid_stat_ops = {
	.open = stat_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = seq_release,
};
const struct file_operations proc_pid_status_ops = {
	.open = status_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = seq_release,
};
