/*
 * memblock: the boot-time memory map, before the frame allocator exists (Linux's name).
 * The arch registers RAM ranges and reserved ranges (kernel image, device tree, initrd,
 * firmware); frame_init() then turns every RAM page that is not reserved into a free frame.
 */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

#include <types.h>

#define MEMBLOCK_MAX_REGIONS 32

struct memblock_region {
	phys_addr_t base; /* first byte */
	u64 size;         /* in bytes */
};

struct memblock_type {
	int count;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS]; /* sorted by base, disjoint */
};

extern struct memblock_type memblock_memory;   /* RAM */
extern struct memblock_type memblock_reserved; /* RAM that must never be a free frame */
extern struct memblock_type memblock_nomap;    /* reserved RAM that must not even be mapped */

/* Add a range; overlapping or touching ranges merge. Ranges past capacity panic. */
void memblock_add(phys_addr_t base, u64 size);
void memblock_reserve(phys_addr_t base, u64 size);
/* Reserve, and keep out of the direct map (the device tree's "no-map" regions). */
void memblock_reserve_nomap(phys_addr_t base, u64 size);
bool memblock_is_nomap(phys_addr_t addr);
/* Allocate and reserve size bytes aligned to align from RAM; panics if there is none. */
phys_addr_t memblock_alloc(u64 size, u64 align);
bool memblock_is_reserved(phys_addr_t base, u64 size);
u64 memblock_total(const struct memblock_type *type);
/* Drop RAM at and above limit; true if there was some. */
bool memblock_clamp(phys_addr_t limit);
void memblock_dump(void);

#endif
