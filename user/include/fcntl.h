/* Opening files: O_* flags and AT_FDCWD come from Linux's ABI (uapi/abi.h). */
#ifndef USER_FCNTL_H
#define USER_FCNTL_H

#include <sys/types.h>
#include <uapi/abi.h>
#include <uapi/fcntl.h>

/* Open path relative to dirfd (AT_FDCWD: the working directory); mode (less the umask)
 * is read only with O_CREAT. Returns a file descriptor, or -1. open() is openat(AT_FDCWD). */
int openat(int dirfd, const char *path, int flags, ...);
int open(const char *path, int flags, ...);
/* F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL (uapi/fcntl.h); -1 with errno. */
int fcntl(int fd, int cmd, ...);
/* Allocate or free (FALLOC_FL_*, uapi/memfd.h) [offset, offset + len) of fd; 0 or -1. */
int fallocate(int fd, int mode, off_t offset, off_t len);

#endif
