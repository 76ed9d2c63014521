/* Error numbers for the kernel: Linux's values, returned negated (-EFAULT), as in Linux. */
#ifndef ERRNO_H
#define ERRNO_H

#include <uapi/errno.h>

#endif
