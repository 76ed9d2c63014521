/* memblock: two sorted lists of physical ranges (see memblock.h). */
#include <compiler.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/memblock.h>

struct memblock_type memblock_memory;
struct memblock_type memblock_reserved;
struct memblock_type memblock_nomap;

static void insert_region(struct memblock_type *t, int at, phys_addr_t base, u64 size)
{
	if (t->count == MEMBLOCK_MAX_REGIONS)
		panic("memblock: more than %d regions", MEMBLOCK_MAX_REGIONS);
	memmove(&t->regions[at + 1], &t->regions[at], (size_t)(t->count - at) * sizeof(t->regions[0]));
	t->regions[at].base = base;
	t->regions[at].size = size;
	t->count++;
}

/* Merge region i with every following region it overlaps or touches. */
static void merge_forward(struct memblock_type *t, int i)
{
	struct memblock_region *r = &t->regions[i];

	while (i + 1 < t->count && r[1].base <= r->base + r->size) {
		phys_addr_t end = MAX(r->base + r->size, r[1].base + r[1].size);

		r->size = end - r->base;
		memmove(&r[1], &r[2], (size_t)(t->count - i - 2) * sizeof(*r));
		t->count--;
	}
}

static void add_range(struct memblock_type *t, phys_addr_t base, u64 size)
{
	int i;

	if (size == 0)
		return;
	for (i = 0; i < t->count && t->regions[i].base < base; i++)
		;
	/* Merge into the previous region if they overlap or touch. */
	if (i > 0 && t->regions[i - 1].base + t->regions[i - 1].size >= base) {
		struct memblock_region *prev = &t->regions[i - 1];

		prev->size = MAX(prev->base + prev->size, base + size) - prev->base;
		merge_forward(t, i - 1);
		return;
	}
	insert_region(t, i, base, size);
	merge_forward(t, i);
}

void memblock_add(phys_addr_t base, u64 size)
{
	add_range(&memblock_memory, base, size);
}

void memblock_reserve(phys_addr_t base, u64 size)
{
	add_range(&memblock_reserved, base, size);
}

void memblock_reserve_nomap(phys_addr_t base, u64 size)
{
	add_range(&memblock_reserved, base, size);
	add_range(&memblock_nomap, base, size);
}

bool memblock_is_nomap(phys_addr_t addr)
{
	for (int i = 0; i < memblock_nomap.count; i++)
		if (addr >= memblock_nomap.regions[i].base &&
		    addr - memblock_nomap.regions[i].base < memblock_nomap.regions[i].size)
			return true;
	return false;
}

bool memblock_is_reserved(phys_addr_t base, u64 size)
{
	for (int i = 0; i < memblock_reserved.count; i++) {
		const struct memblock_region *r = &memblock_reserved.regions[i];

		if (base < r->base + r->size && r->base < base + size)
			return true;
	}
	return false;
}

phys_addr_t memblock_alloc(u64 size, u64 align)
{
	/* Highest-first, so low memory stays free for anything that needs it later. */
	for (int i = memblock_memory.count - 1; i >= 0; i--) {
		const struct memblock_region *m = &memblock_memory.regions[i];
		phys_addr_t cand;

		if (m->size < size)
			continue;
		for (cand = ALIGN_DOWN(m->base + m->size - size, align); cand >= m->base;
		     cand -= align) {
			if (!memblock_is_reserved(cand, size)) {
				memblock_reserve(cand, size);
				return cand;
			}
			if (cand < align)
				break;
		}
	}
	panic("memblock: cannot allocate %lu bytes", (unsigned long)size);
}

bool memblock_clamp(phys_addr_t limit)
{
	struct memblock_type *t = &memblock_memory;
	bool dropped = false;

	while (t->count && t->regions[t->count - 1].base >= limit) {
		t->count--;
		dropped = true;
	}
	if (t->count && t->regions[t->count - 1].base + t->regions[t->count - 1].size > limit) {
		t->regions[t->count - 1].size = limit - t->regions[t->count - 1].base;
		dropped = true;
	}
	return dropped;
}

u64 memblock_total(const struct memblock_type *type)
{
	u64 sum = 0;

	for (int i = 0; i < type->count; i++)
		sum += type->regions[i].size;
	return sum;
}

void memblock_dump(void)
{
	for (int i = 0; i < memblock_memory.count; i++) {
		const struct memblock_region *r = &memblock_memory.regions[i];

		printk("  memory   [0x%010lx-0x%010lx]\n", (unsigned long)r->base,
		       (unsigned long)(r->base + r->size - 1));
	}
	for (int i = 0; i < memblock_reserved.count; i++) {
		const struct memblock_region *r = &memblock_reserved.regions[i];

		printk("  reserved [0x%010lx-0x%010lx]\n", (unsigned long)r->base,
		       (unsigned long)(r->base + r->size - 1));
	}
}
