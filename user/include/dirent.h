/* Reading directories: struct linux_dirent64 and DT_* are Linux's (uapi/abi.h). */
#ifndef USER_DIRENT_H
#define USER_DIRENT_H

#include <sys/types.h>
#include <uapi/abi.h>

/*
 * Fill buf with as many struct linux_dirent64 records of directory fd as fit in count
 * bytes (walk them by d_reclen). Returns the bytes used, 0 at the end, or -1.
 */
ssize_t getdents64(int fd, void *buf, size_t count);

#endif
