/* The initrd's physical range, filled in by arch_setup_memory(). */
#include <kernel/initrd.h>

struct memblock_region initrd_region;
