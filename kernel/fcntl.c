/* fcntl(): descriptor flags, status flags and F_DUPFD (Linux's fs/fcntl.c). */
#include <errno.h>
#include <kernel/fdtable.h>
#include <kernel/rlimit.h>
#include <kernel/file.h>
#include <mm/memfd.h>
#include <uapi/abi.h>
#include <uapi/fcntl.h>
#include <uapi/memfd.h>

/* The status flags F_SETFL may change; the rest of its argument is ignored, as in Linux
 * (which also takes O_DIRECT, O_NOATIME and FASYNC, not implemented here). */
#define SETFL_MASK (O_APPEND | O_NONBLOCK)

long sys_fcntl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= rlimit(RLIMIT_NOFILE))
			return -EINVAL;
		return do_dup_from(fd, (int)arg, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~SETFL_MASK) | ((int)arg & SETFL_MASK);
		return 0;
	case F_ADD_SEALS:
	case F_GET_SEALS:
		return memfd_fcntl(f, cmd, (unsigned int)arg);
	default:
		return -EINVAL;
	}
}
