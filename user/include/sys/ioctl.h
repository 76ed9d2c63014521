/* ioctl(): device requests; the terminal ones are in <uapi/termios.h>. */
#ifndef USER_SYS_IOCTL_H
#define USER_SYS_IOCTL_H

#include <uapi/termios.h>

/* Make request on fd with one argument (a number or a pointer). 0 or what the request
 * returns, or -1 with errno (ENOTTY: fd is not a terminal). */
int ioctl(int fd, unsigned long request, ...);

#endif
