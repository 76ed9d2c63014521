/*
 * Vectored I/O (readv, writev, preadv, pwritev): Linux's struct iovec and limit
 * (include/uapi/linux/uio.h). Shared by the kernel and user/.
 */
#ifndef UAPI_UIO_H
#define UAPI_UIO_H

struct iovec {
	void *iov_base;          /* start of one buffer in user memory */
	unsigned long iov_len;   /* its length in bytes */
};

#define UIO_MAXIOV 1024 /* most iovecs in one call (IOV_MAX); more is EINVAL */

#endif
