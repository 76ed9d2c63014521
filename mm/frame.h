/* The physical frame allocator: one free list of single frames, with counts. */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include <mm/page.h>

/* Build mem_map from memblock and free every RAM frame that is not reserved. */
void frame_init(void);

/* A frame with refcount 1, contents undefined; NULL when none is free. */
struct page *alloc_page(void);
/* A frame filled with zeros, or NULL. */
struct page *alloc_zeroed_page(void);
/* Take another reference / drop one; the frame is freed when the last one goes. */
void get_page(struct page *page);
void put_page(struct page *page);

/*
 * Free-page poisoning (mm/page_poison.c), off unless the command line says
 * "page_poison=1": put_page() fills each frame it frees with PAGE_POISON.
 */
#define PAGE_POISON 0x6b
void page_poison_init(void); /* read the command line; frame_init() calls it */
bool page_poisoning_enabled(void);
/* Fill the frame with PAGE_POISON if poisoning is on; put_page() calls it on a free. */
void kernel_poison_page(struct page *page);

/* Frame counts: free now, and managed (free at boot, i.e. all that can ever be free). */
unsigned long nr_free_frames(void);
unsigned long nr_managed_frames(void);
/* put_page() calls on a frame that was already free or reserved (each is a kernel bug). */
unsigned long nr_bad_frees(void);

#endif
