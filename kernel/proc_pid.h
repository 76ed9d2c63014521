/*
 * /proc/<pid>/cmdline, stat and status, in Linux's formats (Documentation/filesystems/
 * proc.rst, fs/proc/array.c): each a seq_file of one record (kernel/seq_file.h), made at
 * every read from the process inode->pid names; a reaped process's reads give -ESRCH.
 */
#ifndef KERNEL_PROC_PID_H
#define KERNEL_PROC_PID_H

#include <kernel/file.h>

extern const struct file_operations proc_pid_cmdline_ops;
extern const struct file_operations proc_pid_stat_ops;
extern const struct file_operations proc_pid_status_ops;

#endif
