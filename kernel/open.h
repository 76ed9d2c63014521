/*
 * Questions and changes about a file as a whole (Linux's fs/open.c): faccessat,
 * faccessat2, truncate, ftruncate and fallocate, and x86_64's access. Every process is root here,
 * so access is refused only where root's is on Linux: writing to a read-only file system
 * (EROFS) and executing a file with no execute bit (EACCES).
 */
#ifndef KERNEL_OPEN_H
#define KERNEL_OPEN_H

#include <mm/uaccess.h>

long sys_faccessat2(int dirfd, const char __user *path, int mode, int flags);
long sys_faccessat(int dirfd, const char __user *path, int mode);
long sys_access(const char __user *path, int mode);
long sys_truncate(const char __user *path, long length);
long sys_ftruncate(int fd, long length);
long sys_fallocate(int fd, int mode, long offset, long len);

#endif
