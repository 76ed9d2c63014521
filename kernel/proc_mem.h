/* /proc/<pid>/mem (kernel/proc_mem.c). */
#ifndef KERNEL_PROC_MEM_H
#define KERNEL_PROC_MEM_H

struct file_operations;

/* The file operations of /proc/<pid>/mem (inode->pid names the process). */
extern const struct file_operations proc_mem_operations;

#endif
