/* Mapping memory: PROT_* and MAP_* come from Linux's ABI (uapi/abi.h). */
#ifndef USER_SYS_MMAN_H
#define USER_SYS_MMAN_H

#include <sys/types.h>
#include <uapi/abi.h>
#include <uapi/memfd.h>

/* Returns the mapping's address, or MAP_FAILED with errno set. */
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);
/* MS_ASYNC, MS_SYNC, MS_INVALIDATE; 0 or -1 with errno. */
int msync(void *addr, size_t length, int flags);
/* A new shared-memory file's descriptor (MFD_* flags, uapi/memfd.h), or -1 with errno. */
int memfd_create(const char *name, unsigned int flags);

#endif
