/*
 * File status (Linux's fs/stat.c): fstat, newfstatat, statx, readlinkat, and x86_64's
 * stat, lstat and readlink. The fields are Linux's for each kind of file: st_nlink 2 plus
 * the subdirectories for a directory, 0 for an open file already unlinked; st_blocks the
 * 512-byte units a tmpfs file really holds (holes hold none); st_size 0 for /proc's
 * files, a tmpfs directory's 20 bytes an entry (Linux's BOGO_DIRENT_SIZE).
 */
#ifndef KERNEL_STAT_H
#define KERNEL_STAT_H

#include <mm/uaccess.h>

struct statx;

long sys_fstat(int fd, void __user *statbuf);
long sys_newfstatat(int dirfd, const char __user *path, void __user *statbuf, int flags);
long sys_statx(int dirfd, const char __user *path, int flags, unsigned int mask,
	       struct statx __user *buf);
long sys_readlinkat(int dirfd, const char __user *path, char __user *buf, int bufsiz);
long sys_stat(const char __user *path, void __user *statbuf);
long sys_lstat(const char __user *path, void __user *statbuf);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);

#endif
