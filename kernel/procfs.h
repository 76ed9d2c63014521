/*
 * /proc (Linux's fs/proc): /proc/meminfo and /proc/vmstat (kernel/proc_meminfo.c),
 * /proc/sys/vm (kernel/proc_sysctl.c), the symbolic link /proc/self to the caller's own
 * directory, and a directory per process, /proc/<pid>, with exe (a link to the program
 * it runs), cmdline, stat, status (kernel/proc_pid.c), maps, smaps, smaps_rollup
 * (kernel/proc_task_mmu.c) and pagemap (kernel/proc_pagemap.c) in Linux's formats.
 * Every file is made as it is read (kernel/seq_file.h), never at open. Per-process
 * entries are made on demand at lookup and freed with their last reference; they name
 * the process by pid, so one that has gone reads as ESRCH (or an empty file).
 */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include <types.h>

struct file_operations;
struct inode;

/* Make /proc and its fixed entries (fs_root must exist); 0 or -ENOMEM. */
int procfs_init(void);

/* A directory name in parent, for the fixed part of /proc; NULL if out of memory. */
struct inode *proc_mkdir(struct inode *parent, const char *name);
/* A file name in parent with mode and fops; NULL if out of memory. */
struct inode *proc_create(struct inode *parent, const char *name, u32 mode,
			  const struct file_operations *fops);
/* Make /proc/sys/vm in proc_root; 0 or -ENOMEM. */
int proc_sys_init(struct inode *proc_root);

extern const struct file_operations proc_meminfo_ops;
extern const struct file_operations proc_vmstat_ops;
extern const struct file_operations proc_fault_trace_ops; /* kernel/proc_fault_trace.c */

#endif
