/*
 * The initrd file system: the cpio archive the boot loader left in memory, unpacked into
 * the tree of inodes (kernel/fs.h) whose data stays where it is. Read-only. Mounted on
 * it: /dev's devices (kernel/devices.c), /proc (kernel/procfs.c), and tmpfs on /tmp
 * (kernel/tmpfs.c).
 */
#ifndef KERNEL_RAMFS_H
#define KERNEL_RAMFS_H

#include <kernel/fs.h>
#include <types.h>

/* Make "/", /dev, /proc and /tmp, then unpack the cpio archive [archive, archive+size)
 * into the tree; -EINVAL (with a message) if malformed, -ENOMEM. */
int ramfs_init(const void *archive, size_t size);

#endif
