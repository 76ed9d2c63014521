/* ioctl(): request numbers from Linux's ABI (FIONREAD: uapi/fcntl.h). */
#ifndef USER_SYS_IOCTL_H
#define USER_SYS_IOCTL_H

#include <uapi/fcntl.h>

int ioctl(int fd, unsigned long request, ...);

#endif
