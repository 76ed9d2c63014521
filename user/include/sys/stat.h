/* File status: struct stat is the arch's Linux layout (asm/stat.h). */
#ifndef USER_SYS_STAT_H
#define USER_SYS_STAT_H

#include <sys/types.h>
#include <asm/stat.h>
#include <uapi/abi.h>

#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)

/* Fill *st for the open file fd. Returns 0, or -1. */
int fstat(int fd, struct stat *st);
/* Fill *st for path (from dirfd; flags AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). 0, or -1. */
int fstatat(int dirfd, const char *path, struct stat *st, int flags);
int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st); /* a final link itself, not its target */
/* Linux's statx(): fill *stx with at least what mask asks (STATX_*). 0, or -1. */
int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *stx);
/* Make a directory (mode less the umask). 0, or -1. */
int mkdirat(int dirfd, const char *path, mode_t mode);
int mkdir(const char *path, mode_t mode);
/* Set the access and modification times (times NULL: now; tv_nsec UTIME_NOW, UTIME_OMIT).
 * futimens is utimensat on fd itself. 0, or -1. */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);
/* Set the umask; returns the old one (never fails). */
mode_t umask(mode_t mask);

#endif
