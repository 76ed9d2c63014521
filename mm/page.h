/*
 * Pages and frames. A frame is a PAGE_SIZE block of physical memory; struct page is
 * the kernel's record of one frame (Linux's name). mem_map[] holds one struct page for
 * every frame between min_pfn and max_pfn; a pfn is a physical address >> PAGE_SHIFT.
 *
 * Address spaces of the kernel (see asm/memory.h for the numbers):
 *   direct map:   every RAM frame at PAGE_OFFSET + phys   (__va / __pa)
 *   kernel image: the ELF at KERNEL_VIRT_BASE              (__pa of a kernel symbol)
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include <asm/memory.h>
#include <lib/avl.h>
#include <lib/list.h>
#include <types.h>

#define PG_reserved 0x1 /* never handed out: firmware, kernel image, holes */
#define PG_free     0x2 /* on the free list */
#define PG_slab     0x4 /* owned by kmalloc */
#define PG_cache    0x8 /* in a file's page cache (mm/filemap.c) */
#define PG_locked   0x10 /* locked for I/O or a change of identity (mm/page_lock.c); set
			      and cleared atomically, so never with a plain store to flags */
#define PG_swapbacked 0x20 /* with PG_cache: shared memory's page, whose cache is its only
			      copy (tmpfs, memfd, MAP_SHARED|MAP_ANONYMOUS: Linux's name) */

struct page {
	struct list_head list; /* free list, kmalloc size-class list, or the page cache's list */
	u32 refcount;          /* users of the frame; 0 when free */
	u32 flags;             /* PG_* */
	union {
		struct {               /* PG_slab */
			void *slab_free;   /* first free object in this frame */
			u16 slab_size;     /* object size in this frame */
			u16 slab_inuse;    /* objects handed out from this frame */
		};
		struct {               /* PG_cache: Linux's page->mapping and page->index */
			struct inode *mapping; /* the file */
			unsigned long index;   /* which page of it */
			struct avl_node cache_node; /* in mapping->page_cache */
		};
	};
};

extern struct page *mem_map;
extern unsigned long min_pfn, max_pfn;

static inline void *__va(phys_addr_t pa)
{
	return (void *)(uintptr_t)(pa + PAGE_OFFSET);
}

/* Physical address of a direct-map or kernel-image virtual address. */
static inline phys_addr_t __pa(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	if (v >= KERNEL_VIRT_BASE)
		return v - KERNEL_VIRT_BASE + KERNEL_PHYS_BASE;
	return v - PAGE_OFFSET;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return &mem_map[pfn - min_pfn];
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map) + min_pfn;
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}

/* The frame's address in the direct map. */
static inline void *page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

static inline struct page *virt_to_page(const void *va)
{
	return pfn_to_page(__pa(va) >> PAGE_SHIFT);
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn >= min_pfn && pfn < max_pfn;
}

/*
 * The page lock (PG_locked), Linux's folio_lock() family; the rules are in
 * mm/page_lock.c. lock_page() sleeps, so it is never called with a spinlock held.
 */
void page_lock_init(void);
/* Take page's lock, sleeping as long as it takes; signals do not end the wait. */
void lock_page(struct page *page);
/* As lock_page(), but a fatal signal (SIGKILL) ends the wait: 0 when held, else -EINTR. */
int lock_page_killable(struct page *page);
/* Take page's lock if it is free: true if now held, false (at once) if not. */
bool trylock_page(struct page *page);
/* Release page's lock, which the caller holds, and wake whoever waits for it. */
void unlock_page(struct page *page);
/* Sleep until page is not locked, without taking the lock (it may be taken again at once). */
void wait_on_page_locked(struct page *page);

static inline bool PageLocked(const struct page *page)
{
	return __atomic_load_n(&page->flags, __ATOMIC_ACQUIRE) & PG_locked;
}

#endif
