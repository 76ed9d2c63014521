/* File status: struct stat is the arch's Linux layout (asm/stat.h). */
#ifndef USER_SYS_STAT_H
#define USER_SYS_STAT_H

#include <sys/types.h>
#include <asm/stat.h>
#include <uapi/abi.h>

#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)

/* Fill *st for the open file fd. Returns 0, or -1. */
int fstat(int fd, struct stat *st);

#endif
