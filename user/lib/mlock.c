/* Locking memory, and reaching another process's: mlock family, process_vm_readv/writev. */
#include <sys/mman_extra.h>
#include <sys/uio.h>
#include "syscall.h"

int mlock(const void *addr, size_t length)
{
	return (int)syscall_ret(__NR_mlock, addr, length, 0, 0, 0, 0);
}

int mlock2(const void *addr, size_t length, unsigned int flags)
{
	return (int)syscall_ret(__NR_mlock2, addr, length, flags, 0, 0, 0);
}

int munlock(const void *addr, size_t length)
{
	return (int)syscall_ret(__NR_munlock, addr, length, 0, 0, 0, 0);
}

int mlockall(int flags)
{
	return (int)syscall_ret(__NR_mlockall, flags, 0, 0, 0, 0, 0);
}

int munlockall(void)
{
	return (int)syscall_ret(__NR_munlockall, 0, 0, 0, 0, 0, 0);
}

ssize_t process_vm_readv(pid_t pid, const struct iovec *local, unsigned long liovcnt,
			 const struct iovec *remote, unsigned long riovcnt, unsigned long flags)
{
	return syscall_ret(__NR_process_vm_readv, pid, local, liovcnt, remote, riovcnt, flags);
}

ssize_t process_vm_writev(pid_t pid, const struct iovec *local, unsigned long liovcnt,
			  const struct iovec *remote, unsigned long riovcnt, unsigned long flags)
{
	return syscall_ret(__NR_process_vm_writev, pid, local, liovcnt, remote, riovcnt, flags);
}
