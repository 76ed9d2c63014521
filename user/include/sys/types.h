/* The POSIX integer types of the system-call interface (LP64: long is 64 bits). */
#ifndef USER_SYS_TYPES_H
#define USER_SYS_TYPES_H

#include <stddef.h>

typedef long ssize_t;       /* a byte count or a negative error (the same as the kernel's) */
typedef long off_t;         /* a file offset */
typedef int pid_t;          /* a process or thread id */
typedef unsigned int mode_t; /* file type and permission bits (st_mode) */
typedef unsigned int uid_t;  /* a user id */
typedef unsigned int gid_t;  /* a group id */

#endif
