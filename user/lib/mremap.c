/* mremap(): resize or move a mapping (Linux's system call, glibc's prototype). */
#include <stdarg.h>
#include <sys/mman_extra.h>
#include "syscall.h"

void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...)
{
	void *new_address = NULL;
	va_list ap;

	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) { /* only then is there a fifth argument */
		va_start(ap, flags);
		new_address = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)syscall_ret(__NR_mremap, old_address, old_size, new_size, flags,
				   new_address, 0);
}
