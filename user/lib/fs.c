/* System calls on paths and the file system: every one through its *at() form, which
 * both arches have (riscv64's generic table has no other). */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)syscall_ret(__NR_mkdirat, dirfd, path, mode, 0, 0, 0);
}

int mkdir(const char *path, mode_t mode)
{
	return mkdirat(AT_FDCWD, path, mode);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return (int)syscall_ret(__NR_unlinkat, dirfd, path, flags, 0, 0, 0);
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags)
{
	return (int)syscall_ret(__NR_renameat2, olddirfd, oldpath, newdirfd, newpath, flags, 0);
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

int rename(const char *oldpath, const char *newpath)
{
	return renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

int symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	return (int)syscall_ret(__NR_symlinkat, target, newdirfd, linkpath, 0, 0, 0);
}

int symlink(const char *target, const char *linkpath)
{
	return symlinkat(target, AT_FDCWD, linkpath);
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	return syscall_ret(__NR_readlinkat, dirfd, path, buf, size, 0, 0);
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	return readlinkat(AT_FDCWD, path, buf, size);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return (int)syscall_ret(__NR_newfstatat, dirfd, path, st, flags, 0, 0);
}

int stat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *stx)
{
	return (int)syscall_ret(__NR_statx, dirfd, path, flags, mask, stx, 0);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	return (int)syscall_ret(__NR_faccessat2, dirfd, path, mode, flags, 0, 0);
}

int access(const char *path, int mode)
{
	return (int)syscall_ret(__NR_faccessat, AT_FDCWD, path, mode, 0, 0, 0);
}

int truncate(const char *path, off_t length)
{
	return (int)syscall_ret(__NR_truncate, path, length, 0, 0, 0, 0);
}

int ftruncate(int fd, off_t length)
{
	return (int)syscall_ret(__NR_ftruncate, fd, length, 0, 0, 0, 0);
}

int chdir(const char *path)
{
	return (int)syscall_ret(__NR_chdir, path, 0, 0, 0, 0, 0);
}

int fchdir(int fd)
{
	return (int)syscall_ret(__NR_fchdir, fd, 0, 0, 0, 0, 0);
}

char *getcwd(char *buf, size_t size)
{
	return syscall_ret(__NR_getcwd, buf, size, 0, 0, 0, 0) < 0 ? NULL : buf;
}

mode_t umask(mode_t mask)
{
	return (mode_t)__syscall(__NR_umask, mask, 0, 0, 0, 0, 0);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	return (int)syscall_ret(__NR_utimensat, dirfd, path, times, flags, 0, 0);
}

int futimens(int fd, const struct timespec times[2])
{
	return utimensat(fd, NULL, times, 0);
}
