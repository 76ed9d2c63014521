/*
 * memfd_create() and file sealing (Linux's mm/memfd.c): an anonymous shared-memory file
 * behind a descriptor, which can be mapped, read, written, truncated and passed on like
 * any tmpfs file, and whose changes can be forbidden for good by seals (F_ADD_SEALS).
 */
#ifndef MM_MEMFD_H
#define MM_MEMFD_H

struct file;

long sys_memfd_create(const char *uname, unsigned int flags);
/* fcntl(F_ADD_SEALS, seals) and fcntl(F_GET_SEALS) on file (Linux's memfd_fcntl). */
long memfd_fcntl(struct file *file, unsigned int cmd, unsigned int arg);

#endif
