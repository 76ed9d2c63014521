/* Clocks and sleeping; struct timespec and CLOCK_* are Linux's (uapi/abi.h). */
#ifndef USER_TIME_H
#define USER_TIME_H

#include <uapi/abi.h>

/* Sleep for *req; on an interrupted sleep the rest goes to *rem (if not NULL). 0 or -1. */
int nanosleep(const struct timespec *req, struct timespec *rem);
/* Read clock (any CLOCK_* id, or a CPU-time clock id) into *ts. 0 or -1. */
int clock_gettime(int clock, struct timespec *ts);

#endif
