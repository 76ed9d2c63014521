/* mremap()'s flags, with Linux's values (include/uapi/linux/mman.h). */
#ifndef UAPI_MREMAP_H
#define UAPI_MREMAP_H

#define MREMAP_MAYMOVE   1 /* may move the mapping if it cannot grow where it is */
#define MREMAP_FIXED     2 /* move it to new_address (needs MREMAP_MAYMOVE) */
#define MREMAP_DONTUNMAP 4 /* move it, leaving the old range mapped but empty */

#endif
