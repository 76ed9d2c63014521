/* The system's name. */
#include <sys/utsname.h>
#include "syscall.h"

int uname(struct utsname *u)
{
	return (int)syscall_ret(__NR_uname, u, 0, 0, 0, 0, 0);
}
