/* The generic kernel's entry point. */
#ifndef KERNEL_MAIN_H
#define KERNEL_MAIN_H

#include <compiler.h>

/*
 * The first generic C code, called by the arch's boot code on the boot stack with the
 * kernel mapped at its link address and RAM reachable through __va(). Never returns:
 * it ends in the idle loop, or powers the machine off.
 */
__noreturn void start_kernel(void);

#endif
