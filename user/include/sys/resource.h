/* Resource usage: struct rusage and RUSAGE_* are Linux's (uapi/abi.h). */
#ifndef USER_SYS_RESOURCE_H
#define USER_SYS_RESOURCE_H

#include <sys/types.h>
#include <uapi/abi.h>
#include <uapi/resource.h>

/* Fill *usage for who (RUSAGE_SELF or RUSAGE_CHILDREN): ru_minflt and ru_majflt count
 * the page faults that needed no I/O and those that did. 0, or -1 with errno set. */
int getrusage(int who, struct rusage *usage);

/* Resource limits (RLIMIT_*): 0, or -1 with errno. prlimit() reads and sets another
 * process's (pid 0: the caller). */
int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);

#endif
