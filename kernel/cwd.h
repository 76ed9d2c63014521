/*
 * The working directory (Linux's fs_struct: its pwd; fs/open.c's chdir, fs/d_path.c's
 * getcwd) and the umask. Each process has its own, inherited by fork; a relative path
 * starts there. current->cwd NULL stands for the root.
 */
#ifndef KERNEL_CWD_H
#define KERNEL_CWD_H

#include <mm/uaccess.h>

struct task;

/* fork: the child starts in the parent's working directory, with its umask. */
void fs_fork(struct task *child, struct task *parent);
/* exit: let go of the working directory. */
void fs_exit(struct task *t);

long sys_chdir(const char __user *path);
long sys_fchdir(int fd);
long sys_getcwd(char __user *buf, size_t size);
long sys_umask(unsigned int mask);

#endif
