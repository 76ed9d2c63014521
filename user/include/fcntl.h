/* Opening files: O_* flags and AT_FDCWD come from Linux's ABI (uapi/abi.h). */
#ifndef USER_FCNTL_H
#define USER_FCNTL_H

#include <sys/types.h>
#include <uapi/abi.h>

/* Open path relative to dirfd (AT_FDCWD: the working directory); mode (less the umask)
 * is read only with O_CREAT. Returns a file descriptor, or -1. open() is openat(AT_FDCWD). */
int openat(int dirfd, const char *path, int flags, ...);
int open(const char *path, int flags, ...);

#endif
