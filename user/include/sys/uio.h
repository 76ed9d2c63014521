/* Vectored I/O: readv, writev, preadv, pwritev (struct iovec: uapi/uio.h). */
#ifndef USER_SYS_UIO_H
#define USER_SYS_UIO_H

#include <sys/types.h>
#include <uapi/uio.h>

#define IOV_MAX UIO_MAXIOV

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset);
/* Copy between our iovecs and those of process pid's memory; bytes moved, or -1/errno. */
ssize_t process_vm_readv(pid_t pid, const struct iovec *local, unsigned long liovcnt,
			 const struct iovec *remote, unsigned long riovcnt, unsigned long flags);
ssize_t process_vm_writev(pid_t pid, const struct iovec *local, unsigned long liovcnt,
			  const struct iovec *remote, unsigned long riovcnt, unsigned long flags);

#endif
