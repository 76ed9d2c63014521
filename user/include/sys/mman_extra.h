/*
 * The memory calls that Linux's <sys/mman.h> also declares but ours does not yet:
 * advice about a range, which of its pages are resident, and resizing or moving a
 * mapping. MADV_* and MREMAP_* come from Linux's ABI (uapi/abi.h, uapi/madvise.h,
 * uapi/mremap.h).
 */
#ifndef USER_SYS_MMAN_EXTRA_H
#define USER_SYS_MMAN_EXTRA_H

#include <sys/types.h>
#include <uapi/abi.h>
#include <uapi/madvise.h>
#include <uapi/mremap.h>

/*
 * Resize the mapping at old_address from old_size to new_size bytes, moving it if
 * flags allow (MREMAP_MAYMOVE) or ask (MREMAP_FIXED, then a fifth argument gives where;
 * MREMAP_DONTUNMAP leaves the old range mapped, empty). The new address, or MAP_FAILED
 * with errno set.
 */
void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...);

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
