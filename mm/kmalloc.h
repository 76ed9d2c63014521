/* The kernel heap: small objects carved out of frames, by size class. */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include <types.h>

#define KMALLOC_MAX_SIZE 4096 /* larger requests return NULL: allocate frames instead */

/* At least size bytes, aligned to the size class (16..2048) or to a page; NULL if none. */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
/* The bytes kmalloc(size) really takes: its size class (Linux's kmalloc_size_roundup). */
size_t kmalloc_size_roundup(size_t size);
/* Free what kmalloc returned; kfree(NULL) does nothing. */
void kfree(const void *ptr);

#endif
