/* Physical frame allocator (see frame.h). */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/memblock.h>
#include <mm/tlbflush.h>

struct page *mem_map;         /* one struct page per frame in [min_pfn, max_pfn) */
unsigned long min_pfn, max_pfn;

/*
 * Protects the free list, free_count and bad_free_count, and every frame's refcount and
 * its PG_free flag (Linux's zone->lock, with the refcount that Linux makes atomic).
 * Taken inside kmalloc's slab_lock.
 */
static DEFINE_SPINLOCK(frame_lock);
static LIST_HEAD(free_list);
static unsigned long free_count;
static unsigned long managed_count;
static unsigned long bad_free_count;

void frame_init(void)
{
	const struct memblock_type *mem = &memblock_memory;
	u64 map_bytes;

	if (mem->count == 0)
		panic("frame_init: no memory registered");
	min_pfn = mem->regions[0].base >> PAGE_SHIFT;
	max_pfn = (mem->regions[mem->count - 1].base + mem->regions[mem->count - 1].size) >> PAGE_SHIFT;
	map_bytes = (max_pfn - min_pfn) * sizeof(struct page);
	mem_map = __va(memblock_alloc(ALIGN_UP(map_bytes, PAGE_SIZE), PAGE_SIZE));

	/* Every frame starts reserved; then the usable ones go on the free list. */
	for (unsigned long pfn = min_pfn; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		memset(page, 0, sizeof(*page));
		INIT_LIST_HEAD(&page->list);
		page->flags = PG_reserved;
		page->refcount = 1;
	}
	for (int i = 0; i < mem->count; i++) {
		phys_addr_t start = ALIGN_UP(mem->regions[i].base, PAGE_SIZE);
		phys_addr_t end = ALIGN_DOWN(mem->regions[i].base + mem->regions[i].size, PAGE_SIZE);

		for (phys_addr_t pa = start; pa < end; pa += PAGE_SIZE) {
			struct page *page = pfn_to_page(pa >> PAGE_SHIFT);

			if (memblock_is_reserved(pa, PAGE_SIZE))
				continue;
			page->flags = PG_free;
			page->refcount = 0;
			list_add_tail(&page->list, &free_list);
			free_count++;
		}
	}
	managed_count = free_count;
	page_poison_init();
}

struct page *alloc_page(void)
{
	struct page *page = NULL;
	unsigned long flags;

	spin_lock_irqsave(&frame_lock, flags);
	if (!list_empty(&free_list)) {
		page = list_first_entry(&free_list, struct page, list);
		list_del(&page->list);
		page->flags = 0;
		page->refcount = 1;
		free_count--;
	}
	spin_unlock_irqrestore(&frame_lock, flags);
	return page;
}

struct page *alloc_zeroed_page(void)
{
	struct page *page = alloc_page();

	if (page)
		clear_page(page_address(page));
	return page;
}

/*
 * One atomic increment, no lock: a caller of get_page() already holds a reference (a
 * mapping, the page cache), so the count cannot reach 0 meanwhile, and put_page() frees
 * a page only when its own decrement, under frame_lock, takes it to 0 (Linux's
 * get_page() is an atomic increment too). fork takes one per PTE it shares, which made
 * frame_lock most of fork's cost. Before SMP, put_page()'s decrement must become atomic
 * as well.
 */
void get_page(struct page *page)
{
	BUG_ON(__atomic_fetch_add(&page->refcount, 1, __ATOMIC_RELAXED) == 0);
}

void put_page(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&frame_lock, flags);
	if (page->refcount == 0 || (page->flags & (PG_free | PG_reserved))) {
		bad_free_count++;
		spin_unlock_irqrestore(&frame_lock, flags);
		printk("BUG: bad frame free: pfn %#lx refcount %u flags %#x\n",
		       page_to_pfn(page), page->refcount, page->flags);
		return;
	}
	if (--page->refcount == 0) {
		debug_tlb_frame_freed(page_to_phys(page)); /* no stale translation may lead here */
		BUG_ON(page->flags & PG_locked); /* its waiters would sleep forever */
		kernel_poison_page(page);
		page->flags = PG_free;
		list_add(&page->list, &free_list);
		free_count++;
	}
	spin_unlock_irqrestore(&frame_lock, flags);
}

unsigned long nr_free_frames(void)
{
	return READ_ONCE(free_count);
}

unsigned long nr_managed_frames(void)
{
	return managed_count;
}

unsigned long nr_bad_frees(void)
{
	return READ_ONCE(bad_free_count);
}
