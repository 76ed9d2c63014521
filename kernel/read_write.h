/* Vectored and positioned reads and writes (kernel/read_write.c); read, write and lseek
 * are declared with the other file calls in kernel/file.h. */
#ifndef KERNEL_READ_WRITE_H
#define KERNEL_READ_WRITE_H

#include <mm/uaccess.h>
#include <types.h>

struct iovec;

long sys_pread64(int fd, char __user *buf, size_t n, long pos);
long sys_pwrite64(int fd, const char __user *buf, size_t n, long pos);
long sys_readv(int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_preadv(int fd, const struct iovec __user *vec, unsigned long vlen,
		unsigned long pos_l, unsigned long pos_h);
long sys_pwritev(int fd, const struct iovec __user *vec, unsigned long vlen,
		 unsigned long pos_l, unsigned long pos_h);

#endif
