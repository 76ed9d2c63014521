/* The system's name: struct utsname is Linux's (uapi/abi.h). */
#ifndef USER_SYS_UTSNAME_H
#define USER_SYS_UTSNAME_H

#include <uapi/abi.h>

/* Fill *u: sysname is "Faultline" under Faultline, "Linux" on Linux. 0 or -1. */
int uname(struct utsname *u);

#endif
