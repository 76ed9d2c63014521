/*
 * /proc (Linux's fs/proc): /proc/meminfo and /proc/vmstat, the symbolic link
 * /proc/self to the caller's own directory, and a directory per process, /proc/<pid>,
 * with exe (a link to the program it runs), cmdline, stat, status and maps in Linux's
 * formats. Per-process entries are made on demand at lookup and freed with their last
 * reference; they name the process by pid, so one that has gone reads as ESRCH.
 */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

/* Make /proc and its fixed entries (fs_root must exist); 0 or -ENOMEM. */
int procfs_init(void);

#endif
