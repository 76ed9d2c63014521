/* Interval timers: struct itimerval and ITIMER_* are Linux's (uapi/resource.h). */
#ifndef USER_SYS_TIME_H
#define USER_SYS_TIME_H

#include <uapi/resource.h>

/* 0, or -1 with errno. */
int getitimer(int which, struct itimerval *value);
int setitimer(int which, const struct itimerval *value, struct itimerval *old);

#endif
