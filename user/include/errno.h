/*
 * errno: the error of the last failed libc call. The kernel returns -ENOENT and so on;
 * the libc wrappers store ENOENT here and return -1. Values are Linux's (include/uapi/
 * asm-generic/errno-base.h), so programs built here mean the same thing on Linux.
 * One errno per process: programs here are single-threaded.
 */
#ifndef USER_ERRNO_H
#define USER_ERRNO_H

extern int errno;

#include <uapi/errno.h> /* the numbers, shared with the kernel */

#endif
