/*
 * memfd_create(), file sealing and fallocate(): Linux's values (include/uapi/linux/
 * memfd.h, fcntl.h and falloc.h). Shared by the kernel and user/.
 */
#ifndef UAPI_MEMFD_H
#define UAPI_MEMFD_H

/* memfd_create() flags */
#define MFD_CLOEXEC       0x0001U /* the descriptor gets FD_CLOEXEC */
#define MFD_ALLOW_SEALING 0x0002U /* seals may be added (else F_SEAL_SEAL is set) */
#define MFD_HUGETLB       0x0004U /* huge pages (not supported here: EINVAL) */
#define MFD_NOEXEC_SEAL   0x0008U /* not executable, and sealed so (F_SEAL_EXEC) */
#define MFD_EXEC          0x0010U /* executable */
#define MFD_NAME_PREFIX   "memfd:"
#define MFD_NAME_MAX_LEN  (255 - 6) /* NAME_MAX less the prefix */

/* fcntl() on a memfd */
#define F_ADD_SEALS 1033
#define F_GET_SEALS 1034
#define F_SEAL_SEAL         0x0001 /* no more seals may be added */
#define F_SEAL_SHRINK       0x0002 /* the size may not shrink */
#define F_SEAL_GROW         0x0004 /* the size may not grow */
#define F_SEAL_WRITE        0x0008 /* the contents may not change */
#define F_SEAL_FUTURE_WRITE 0x0010 /* no new writable mapping or write() */
#define F_SEAL_EXEC         0x0020 /* the mode's x bits may not change */

/* fallocate() modes */
#define FALLOC_FL_KEEP_SIZE  0x01 /* allocate, but st_size stays */
#define FALLOC_FL_PUNCH_HOLE 0x02 /* free the range: it reads as zeros (needs KEEP_SIZE) */

#endif
