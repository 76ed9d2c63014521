/*
 * Setting a file's times (Linux's fs/utimes.c): utimensat, which is futimens too when
 * the path is NULL. Only tmpfs's inodes take new times; the initrd is read-only (EROFS).
 */
#ifndef KERNEL_UTIMES_H
#define KERNEL_UTIMES_H

#include <mm/uaccess.h>
#include <uapi/abi.h>

long sys_utimensat(int dirfd, const char __user *path, const struct timespec __user *times,
		   int flags);

#endif
