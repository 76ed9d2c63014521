/* /proc/<pid>/mem (kernel/proc_mem.c). */
#ifndef KERNEL_PROC_MEM_H
#define KERNEL_PROC_MEM_H

struct file;
struct file_operations;

/*
 * lseek for a file whose positions are addresses (mem, pagemap): SEEK_SET and SEEK_CUR
 * to any position, no end to seek from (Linux's mem_lseek, which pagemap shares).
 */
long mem_lseek(struct file *file, long offset, int whence);

/* The file operations of /proc/<pid>/mem (inode->pid names the process). */
extern const struct file_operations proc_mem_operations;

#endif
