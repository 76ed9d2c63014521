/* sysinfo(): uptime, memory, number of processes (struct sysinfo is Linux's). */
#ifndef USER_SYS_SYSINFO_H
#define USER_SYS_SYSINFO_H

#include <uapi/resource.h>

int sysinfo(struct sysinfo *info);

#endif
