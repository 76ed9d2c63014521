/*
 * The memory calls that Linux's <sys/mman.h> also declares but ours does not yet:
 * advice about a range, and which of its pages are resident. MADV_* come from Linux's
 * ABI (uapi/abi.h), but for MADV_NOHUGEPAGE, which only Linux knows.
 */
#ifndef USER_SYS_MMAN_EXTRA_H
#define USER_SYS_MMAN_EXTRA_H

#include <sys/types.h>
#include <uapi/abi.h>

/* Linux only: no transparent huge pages here (Faultline refuses it with EINVAL). */
#define MADV_NOHUGEPAGE 15

/* Advise the kernel about [addr, addr+length): MADV_DONTNEED drops the pages (the next
 * touch sees zeros, or the file again), MADV_HWPOISON poisons them (the next touch is
 * SIGBUS). 0, or -1 with errno set (ENOMEM: part of the range is not mapped). */
int madvise(void *addr, size_t length, int advice);

/* One byte per page of [addr, addr+length) into vec: bit 0 set if the page is resident.
 * 0, or -1 with errno set (ENOMEM: part of the range is not mapped). */
int mincore(void *addr, size_t length, unsigned char *vec);

/* Lock pages in memory (populated now; MLOCK_ONFAULT: as they are touched), unlock them;
 * all of the address space with MCL_* (uapi/abi.h). 0, or -1 with errno set. */
int mlock(const void *addr, size_t length);
int mlock2(const void *addr, size_t length, unsigned int flags);
int munlock(const void *addr, size_t length);
int mlockall(int flags);
int munlockall(void);

#endif
