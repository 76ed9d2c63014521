/* /proc (see procfs.h): the tree; the per-process files' contents are in proc_pid.c. */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/proc_mem.h>
#include <kernel/proc_pid.h>
#include <kernel/proc_task_mmu.h>
#include <kernel/procfs.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/fault_trace.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <uapi/abi.h>

static struct super_block proc_sb = { .s_type = "proc", .s_dev = 3, .s_next_ino = 1 };
static struct inode *proc_root;

/*
 * The entries of /proc/<pid>, in getdents64 order: each file's operations (a seq_file's
 * open makes it, kernel/seq_file.h); NULL for the exe link.
 */
static const struct {
	const char *name;
	u32 mode;
	const struct file_operations *fops;
} pid_entries[] = {
	{ "cmdline", S_IFREG | 0444, &proc_pid_cmdline_ops },
	{ "exe", S_IFLNK | 0777, NULL },
	{ "maps", S_IFREG | 0444, &proc_pid_maps_ops },
	{ "mem", S_IFREG | 0600, &proc_mem_operations },
	{ "pagemap", S_IFREG | 0400, &proc_pid_pagemap_ops },
	{ "smaps", S_IFREG | 0444, &proc_pid_smaps_ops },
	{ "smaps_rollup", S_IFREG | 0444, &proc_pid_smaps_rollup_ops },
	{ "stat", S_IFREG | 0444, &proc_pid_stat_ops },
	{ "status", S_IFREG | 0444, &proc_pid_status_ops },
};

/* The process of a /proc/<pid> entry, or NULL if it has been reaped. */
static struct task *entry_task(const struct inode *inode)
{
	return find_task(inode->pid);
}

/* /proc/<pid>/exe: the absolute path of the program the process runs. */
static long exe_get_link(struct inode *inode, char *buf, size_t size)
{
	struct task *t = entry_task(inode);

	if (!t)
		return -ESRCH;
	if (!t->exe)
		return -ENOENT; /* a kernel thread, or a process that has exited */
	return inode_path(t->exe, buf, size);
}

static const struct inode_operations exe_ops = { .get_link = exe_get_link };

/* A per-process entry of /proc, named name, for pid, under parent; with a reference. */
static struct inode *new_pid_inode(struct inode *parent, const char *name, int pid, u32 mode)
{
	struct inode *inode = new_inode(&proc_sb, parent, mode);

	if (!inode)
		return NULL;
	strlcpy(inode->name, name, sizeof(inode->name));
	inode->pid = pid;
	return inode;
}

static struct inode *pid_dir_lookup(struct inode *dir, const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(pid_entries); i++) {
		struct inode *inode;

		if (strlen(pid_entries[i].name) != len || memcmp(pid_entries[i].name, name, len))
			continue;
		if (!entry_task(dir))
			return NULL;
		inode = new_pid_inode(dir, pid_entries[i].name, dir->pid, pid_entries[i].mode);
		if (inode && !pid_entries[i].fops)
			inode->i_op = &exe_ops;
		if (inode)
			inode->i_fop = pid_entries[i].fops;
		return inode;
	}
	return NULL;
}

static bool pid_dir_readdir(struct inode *dir, size_t index, struct dir_entry *ent)
{
	if (index >= ARRAY_SIZE(pid_entries))
		return false;
	strlcpy(ent->name, pid_entries[index].name, sizeof(ent->name));
	ent->ino = (u64)dir->ino * 16 + index + 1; /* any number: the inode is made at lookup */
	ent->type = mode_to_dtype(pid_entries[index].mode);
	return true;
}

static const struct inode_operations pid_dir_ops = { .lookup = pid_dir_lookup,
						     .readdir = pid_dir_readdir };

/* name (len bytes) as a pid: a positive decimal number without leading zeros, or 0. */
static int parse_pid(const char *name, size_t len)
{
	long pid = 0;

	if (len == 0 || len > 9 || name[0] == '0')
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		pid = pid * 10 + (name[i] - '0');
	}
	return (int)pid;
}

static struct inode *proc_root_lookup(struct inode *dir, const char *name, size_t len)
{
	int pid = parse_pid(name, len);
	char num[16];
	struct inode *inode;

	if (!pid || !find_task(pid))
		return NULL;
	snprintf(num, sizeof(num), "%d", pid);
	inode = new_pid_inode(dir, num, pid, S_IFDIR | 0555);
	if (inode)
		inode->i_op = &pid_dir_ops;
	return inode;
}

/*
 * After the fixed entries: one directory per process (a thread group's leader), in the
 * order of the task list. Another thread's directory is found by its tid but not listed,
 * as in Linux.
 */
static bool proc_root_readdir(struct inode *dir, size_t index, struct dir_entry *ent)
{
	struct task *t = NULL;

	(void)dir;
	while ((t = task_next(t)) != NULL) {
		if (t->pid != t->tgid)
			continue;
		if (index-- == 0) {
			snprintf(ent->name, sizeof(ent->name), "%d", t->pid);
			ent->ino = 0x10000000u + (u32)t->pid;
			ent->type = DT_DIR;
			return true;
		}
	}
	return false;
}

static const struct inode_operations proc_root_ops = { .lookup = proc_root_lookup,
						       .readdir = proc_root_readdir };

/* /proc/self: a link to the caller's process's /proc/<pid> (the tgid, from any thread). */
static long self_get_link(struct inode *inode, char *buf, size_t size)
{
	(void)inode;
	return (long)snprintf(buf, size, "%d", current->tgid) < (long)size ?
	       (long)strlen(buf) : -ENAMETOOLONG;
}

static const struct inode_operations self_ops = { .get_link = self_get_link };

/* A fixed entry of /proc, linked in parent; NULL if out of memory. */
static struct inode *add_entry(struct inode *parent, const char *name, u32 mode)
{
	struct inode *inode = new_inode(&proc_sb, parent, mode);

	if (!inode)
		return NULL;
	d_add(inode, name, strlen(name));
	iput(inode);
	return inode;
}

struct inode *proc_mkdir(struct inode *parent, const char *name)
{
	return add_entry(parent, name, S_IFDIR | 0555);
}

struct inode *proc_create(struct inode *parent, const char *name, u32 mode,
			  const struct file_operations *fops)
{
	struct inode *inode = add_entry(parent, name, mode);

	if (inode)
		inode->i_fop = fops;
	return inode;
}

int procfs_init(void)
{
	struct inode *self;

	proc_root = new_inode(&proc_sb, fs_root, S_IFDIR | 0555);
	if (!proc_root)
		return -ENOMEM;
	proc_root->i_op = &proc_root_ops;
	d_add(proc_root, "proc", 4);
	iput(proc_root);
	self = add_entry(proc_root, "self", S_IFLNK | 0777);
	if (!proc_create(proc_root, "meminfo", S_IFREG | 0444, &proc_meminfo_ops) ||
	    !proc_create(proc_root, "vmstat", S_IFREG | 0444, &proc_vmstat_ops) || !self)
		return -ENOMEM;
	self->i_op = &self_ops;
	if (fault_trace_enabled &&
	    !proc_create(proc_root, "fault_trace", S_IFREG | 0444, &proc_fault_trace_ops))
		return -ENOMEM;
	return proc_sys_init(proc_root);
}
