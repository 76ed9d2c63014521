/* System calls about time. */
#include <time.h>
#include "syscall.h"

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)syscall_ret(__NR_nanosleep, req, rem, 0, 0, 0, 0);
}

/* Always the real system call: there is no vDSO here. */
int clock_gettime(int clock, struct timespec *ts)
{
	return (int)syscall_ret(__NR_clock_gettime, clock, ts, 0, 0, 0, 0);
}
