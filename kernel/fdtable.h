/*
 * The descriptor table and the system calls on descriptors alone: close, dup, dup2,
 * dup3, fcntl (kernel/fdtable.c, kernel/fcntl.c). The table itself is struct
 * files_struct (kernel/file.h, task->files); kernel/file.h has the helpers the rest of
 * the kernel uses.
 */
#ifndef KERNEL_FDTABLE_H
#define KERNEL_FDTABLE_H



/* F_DUPFD: a copy of oldfd at the lowest free descriptor >= start, FD_CLOEXEC if flags
 * has O_CLOEXEC; the descriptor, -EBADF, -EINVAL (start out of range) or -EMFILE. */
long do_dup_from(int oldfd, int start, int flags);

struct files_struct;
/* The descriptors files has room for now, as /proc/<pid>/status's FDSize (0 for none). */
int fd_table_size(struct files_struct *files);
long sys_dup(int oldfd);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_fcntl(int fd, unsigned int cmd, unsigned long arg);

#endif
