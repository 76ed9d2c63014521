/* System calls on file descriptors and paths. */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

ssize_t read(int fd, void *buf, size_t count)
{
	return syscall_ret(__NR_read, fd, buf, count, 0, 0, 0);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return syscall_ret(__NR_write, fd, buf, count, 0, 0, 0);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)syscall_ret(__NR_openat, dirfd, path, flags, mode, 0, 0);
}

/* There is no open system call on riscv64 (the generic table has only openat). */
int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return openat(AT_FDCWD, path, flags, mode);
}

int close(int fd)
{
	return (int)syscall_ret(__NR_close, fd, 0, 0, 0, 0, 0);
}

off_t lseek(int fd, off_t offset, int whence)
{
	return syscall_ret(__NR_lseek, fd, offset, whence, 0, 0, 0);
}

int fstat(int fd, struct stat *st)
{
	return (int)syscall_ret(__NR_fstat, fd, st, 0, 0, 0, 0);
}

ssize_t getdents64(int fd, void *buf, size_t count)
{
	return syscall_ret(__NR_getdents64, fd, buf, count, 0, 0, 0);
}
