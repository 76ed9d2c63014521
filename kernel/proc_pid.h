/*
 * The contents of /proc/<pid>/cmdline, maps, stat and status, in Linux's formats
 * (Documentation/filesystems/proc.rst, fs/proc/array.c, fs/proc/task_mmu.c). Each makes
 * its text in file->contents at open (file->inode->pid names the process) and returns
 * its length, -ESRCH if the process has been reaped, or -ENOMEM.
 */
#ifndef KERNEL_PROC_PID_H
#define KERNEL_PROC_PID_H

struct file;

long proc_pid_cmdline(struct file *file);
long proc_pid_maps(struct file *file);
long proc_pid_stat(struct file *file);
long proc_pid_status(struct file *file);

#endif
