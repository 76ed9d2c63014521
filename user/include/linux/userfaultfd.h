/*
 * userfaultfd for user programs: Linux's ABI (<uapi/userfaultfd.h>), and the system
 * call, which glibc has no wrapper for either: userfaultfd(flags) returns a descriptor,
 * or -1 with errno.
 */
#ifndef USER_LINUX_USERFAULTFD_H
#define USER_LINUX_USERFAULTFD_H

#include <uapi/userfaultfd.h>

int userfaultfd(int flags);

#endif
