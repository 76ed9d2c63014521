/* Resource usage: struct rusage and RUSAGE_* are Linux's (uapi/abi.h). */
#ifndef USER_SYS_RESOURCE_H
#define USER_SYS_RESOURCE_H

#include <uapi/abi.h>

/* Fill *usage for who (RUSAGE_SELF or RUSAGE_CHILDREN): ru_minflt and ru_majflt count
 * the page faults that needed no I/O and those that did. 0, or -1 with errno set. */
int getrusage(int who, struct rusage *usage);

#endif
