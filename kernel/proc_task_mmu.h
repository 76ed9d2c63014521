/*
 * The views of an address space under /proc/<pid> (Linux's fs/proc/task_mmu.c): maps
 * (one line a VMA), smaps (each VMA's line and what of it is resident, by kind),
 * smaps_rollup (the same summed over all VMAs) and pagemap (64 bits a virtual page: is
 * it present, swapped, file-backed, exclusive, and its frame). Each is read as it goes,
 * a record (a VMA, a run of pages) at a time, under the mmap lock, so a file of any
 * length is exact at the moment each record is made.
 */
#ifndef KERNEL_PROC_TASK_MMU_H
#define KERNEL_PROC_TASK_MMU_H

#include <kernel/file.h>

extern const struct file_operations proc_pid_maps_ops;
extern const struct file_operations proc_pid_smaps_ops;
extern const struct file_operations proc_pid_smaps_rollup_ops;
extern const struct file_operations proc_pid_pagemap_ops;

#endif
