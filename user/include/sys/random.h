/* getrandom(2): bytes from the kernel's random-number generator. */
#ifndef _SYS_RANDOM_H
#define _SYS_RANDOM_H

#include <sys/types.h>

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM   0x0002
#define GRND_INSECURE 0x0004

/* Fill buf with up to len random bytes: the count, or -1 with errno. */
ssize_t getrandom(void *buf, size_t len, unsigned int flags);

#endif
