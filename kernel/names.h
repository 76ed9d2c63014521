/*
 * Making and removing names (the second half of Linux's fs/namei.c): mkdirat,
 * unlinkat, renameat2, symlinkat, and the creation of a file for openat(O_CREAT). Only
 * tmpfs is writable: anywhere else they fail with EROFS, after the errors Linux reports
 * first (a name that exists: EEXIST).
 */
#ifndef KERNEL_NAMES_H
#define KERNEL_NAMES_H

#include <kernel/fs.h>
#include <mm/uaccess.h>

/*
 * Create the regular file last (not there yet) in dir with mode (permissions, the
 * caller's umask applied here); *out holds a reference. 0, -EROFS, -ENOSPC, -ENOMEM.
 */
int vfs_create(struct inode *dir, const char *last, u32 mode, struct inode **out);
/* The permission bits of mode as the caller's umask leaves them. */
u32 apply_umask(u32 mode);

long sys_mkdirat(int dirfd, const char __user *path, unsigned int mode);
long sys_unlinkat(int dirfd, const char __user *path, int flags);
long sys_renameat2(int olddirfd, const char __user *oldpath, int newdirfd,
		   const char __user *newpath, unsigned int flags);
long sys_renameat(int olddirfd, const char __user *oldpath, int newdirfd,
		  const char __user *newpath);
long sys_symlinkat(const char __user *target, int newdirfd, const char __user *linkpath);
/* x86_64's older calls, which are the *at() ones from the working directory. */
long sys_mkdir(const char __user *path, unsigned int mode);
long sys_rmdir(const char __user *path);
long sys_unlink(const char __user *path);
long sys_rename(const char __user *oldpath, const char __user *newpath);
long sys_symlink(const char __user *target, const char __user *linkpath);

#endif
