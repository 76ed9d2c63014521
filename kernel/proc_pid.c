/* /proc/<pid>/ files (see proc_pid.h). */
#include <arch.h>
#include <asm/memory.h>
#include <errno.h>
#include <kernel/fdtable.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/proc_pid.h>
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

#define PROC_BUF_SIZE KMALLOC_MAX_SIZE /* a longer text is cut at a line's end */

/*
 * A PROC_BUF_SIZE buffer in file->contents and the process file is about, or -errno.
 * The task is found last: from then on until the text is made nothing may sleep, so it
 * cannot be reaped meanwhile.
 */
static long proc_start(struct file *file, struct task **t)
{
	file->contents = kmalloc(PROC_BUF_SIZE);
	if (!file->contents)
		return -ENOMEM;
	*t = find_task(file->inode->pid);
	return *t ? 0 : -ESRCH;
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

/* cmdline: the argument strings, each with its NUL, as exec left them on the stack. */
long proc_pid_cmdline(struct file *file)
{
	struct task *t;
	long err = proc_start(file, &t);
	struct mm_struct *mm;

	if (err)
		return err;
	mm = t->mm;
	if (!mm || mm->arg_end <= mm->arg_start)
		return 0;
	return (long)peek_mm(mm, mm->arg_start, file->contents,
			     MIN(mm->arg_end - mm->arg_start, (unsigned long)PROC_BUF_SIZE));
}

/* Bytes mapped in mm. */
static unsigned long total_vm(struct mm_struct *mm)
{
	struct list_head *pos;
	unsigned long bytes = 0;

	if (mm) {
		list_for_each(pos, &mm->mmap) {
			struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);

			bytes += vma->vm_end - vma->vm_start;
		}
	}
	return bytes;
}

/* The name Linux's maps gives vma ("/path", "[heap]", "[stack]"), into buf, or "". */
static void vma_name(struct vm_area_struct *vma, char *buf, size_t size)
{
	struct mm_struct *mm = vma->vm_mm;

	buf[0] = '\0';
	if (vma->vm_inode) {
		if (inode_path(vma->vm_inode, buf, size) < 0)
			buf[0] = '\0';
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		strlcpy(buf, "[heap]", size);
	} else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack) {
		strlcpy(buf, "[stack]", size);
	}
}

/*
 * maps: one line a mapping, "start-end perms offset major:minor inode", then, for a
 * named one, spaces to column 73 and the name (Linux's show_map_vma()).
 */
long proc_pid_maps(struct file *file)
{
	struct task *t;
	long err = proc_start(file, &t);
	struct list_head *pos;
	char name[160], line[256];
	size_t len = 0;

	if (err)
		return err;
	if (!t->mm)
		return 0;
	list_for_each(pos, &t->mm->mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);
		struct inode *inode = vma->vm_inode;
		int n = snprintf(line, sizeof(line), "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
				 vma->vm_start, vma->vm_end, vma->vm_flags & VM_READ ? 'r' : '-',
				 vma->vm_flags & VM_WRITE ? 'w' : '-', vma->vm_flags & VM_EXEC ? 'x' : '-',
				 vma->vm_flags & VM_SHARED ? 's' : 'p',
				 inode ? vma->vm_pgoff << PAGE_SHIFT : 0UL, 0u,
				 inode && inode->sb ? inode->sb->s_dev : 0u,
				 inode ? (unsigned long)inode->ino : 0UL);

		vma_name(vma, name, sizeof(name));
		if (name[0])
			snprintf(line + n, sizeof(line) - (size_t)n, "%*s%s\n", MAX(73 - n, 1), "", name);
		else
			strlcpy(line + n, "\n", sizeof(line) - (size_t)n);
		if (len + strlen(line) >= PROC_BUF_SIZE)
			break;
		memcpy(file->contents + len, line, strlen(line));
		len += strlen(line);
	}
	return (long)len;
}

/* stat: Linux's 52 fields on one line (fs/proc/array.c, do_task_stat()). */
long proc_pid_stat(struct file *file)
{
	struct task *t;
	long err = proc_start(file, &t);
	struct mm_struct *mm;
	unsigned long ticks;

	if (err)
		return err;
	mm = t->mm;
	ticks = (unsigned long)(t->cputime_ns / TICK_NSEC);
	return snprintf(file->contents, PROC_BUF_SIZE,
			"%d (%s) %c %d %d %d 0 -1 4194304 %lu %lu %lu %lu %lu 0 0 0 20 0 %d 0 0 %lu %lu "
			"18446744073709551615 0 0 %lu 0 0 %lu %lu 0 0 0 0 0 %d 0 0 0 0 0 0 0 0 %lu "
			"%lu %lu 0 0 0\n",
			t->pid, t->name, state_char(t), parent_tgid(t), t->signal->pgid, t->signal->sid,
			t->faults.nr_minor_faults, t->child_minflt, t->faults.nr_major_faults,
			t->child_majflt, ticks, nr_threads(t), total_vm(mm), mm ? mm->nr_pages : 0UL,
			mm ? mm->start_stack : 0UL, t->pending.sig[0], t->blocked.sig[0], t->exit_signal,
			mm ? mm->start_brk : 0UL, mm ? mm->arg_start : 0UL, mm ? mm->arg_end : 0UL);
}

/* status: "Name:\tvalue" lines, Linux's names (fs/proc/array.c, proc_pid_status()). */
long proc_pid_status(struct file *file)
{
	struct task *t;
	long err = proc_start(file, &t);
	struct mm_struct *mm;
	const unsigned long kb = PAGE_SIZE / 1024;
	int n;

	if (err)
		return err;
	mm = t->mm;
	n = snprintf(file->contents, PROC_BUF_SIZE,
		     "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
		     "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\nGroups:\t\n",
		     t->name, t->umask, state_name(state_char(t)), t->tgid, t->pid, parent_tgid(t),
		     fd_table_size(t->files));
	if (mm)
		n += snprintf(file->contents + n, PROC_BUF_SIZE - (size_t)n,
			      "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\n"
			      "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nVmPTE:\t%8lu kB\n",
			      total_vm(mm) / 1024, total_vm(mm) / 1024, mm->locked_vm * kb,
			      mm->hiwater_rss * kb,
			      mm->nr_pages * kb, mm->nr_pgtables * kb);
	n += snprintf(file->contents + n, PROC_BUF_SIZE - (size_t)n,
		      "Threads:\t%d\nSigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n",
		      nr_threads(t), t->pending.sig[0],
		      t->sighand ? t->sighand->shared_pending.sig[0] : 0UL, t->blocked.sig[0]);
	return n;
}
