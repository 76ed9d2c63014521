/* The auxiliary vector the kernel put above envp (AT_* keys, uapi/abi.h). */
#ifndef USER_SYS_AUXV_H
#define USER_SYS_AUXV_H

#include <uapi/abi.h>

/* The value for key, or 0 with errno = ENOENT when the kernel did not pass it. */
unsigned long getauxval(unsigned long key);

/* The first (key, value) pair, as the start-up code found it: for programs that check
 * the vector itself. Ends with key AT_NULL. */
extern unsigned long *__auxv;

#endif
