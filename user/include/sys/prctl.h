/* prctl(): PR_* are Linux's (uapi/resource.h). */
#ifndef USER_SYS_PRCTL_H
#define USER_SYS_PRCTL_H

#include <uapi/resource.h>

/* What the option returns (0 for most), or -1 with errno (EINVAL: unknown option). */
int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	  unsigned long arg5);

#endif
