/* The userfaultfd() system call (see <linux/userfaultfd.h>). */
#include <linux/userfaultfd.h>
#include "syscall.h"

int userfaultfd(int flags)
{
	return (int)syscall_ret(__NR_userfaultfd, flags, 0, 0, 0, 0, 0);
}
