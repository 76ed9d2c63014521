/* Where the boot loader put the initial ramdisk (found by the arch; used from issue 4 on). */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include <mm/memblock.h>

extern struct memblock_region initrd_region; /* size 0: no initrd */

#endif
