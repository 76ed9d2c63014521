/* times(): CPU time in clock ticks (USER_HZ a second). */
#ifndef USER_SYS_TIMES_H
#define USER_SYS_TIMES_H

#include <uapi/resource.h>

typedef long clock_t;

/* Fill *buf (if not NULL); returns ticks since an arbitrary point, or -1. */
clock_t times(struct tms *buf);

#endif
