/*
 * kmalloc: size classes of 16, 32, ... 2048 bytes. Each class keeps a list of frames
 * that still have free objects; a frame's free objects are chained through their first
 * word. A frame whose last object is freed goes back to the frame allocator at once,
 * so the free-frame count returns to where it was (the tests rely on it).
 * Requests of 2049..4096 bytes get a whole frame.
 */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/spinlock.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>

#define MIN_SHIFT   4  /* smallest class: 16 bytes */
#define NR_CLASSES  8  /* 16 .. 2048 */
#define WHOLE_FRAME PAGE_SIZE

/*
 * Protects partial[] and, in every PG_slab frame, slab_free and slab_inuse (Linux's
 * kmem_cache_node.list_lock). Taken before frame_lock when a class grows or shrinks.
 */
static DEFINE_SPINLOCK(slab_lock);
/* Frames with at least one free object, per class; under slab_lock. */
static struct list_head partial[NR_CLASSES];
static bool kmalloc_ready;

static void kmalloc_init(void)
{
	for (int i = 0; i < NR_CLASSES; i++)
		INIT_LIST_HEAD(&partial[i]);
	kmalloc_ready = true;
}

static int size_class(size_t size)
{
	int c = 0;

	while (((size_t)1 << (MIN_SHIFT + c)) < size)
		c++;
	return c;
}

/* Carve a fresh frame into objects of class c; returns the frame or NULL. */
static struct page *grow(int c)
{
	struct page *page = alloc_page();
	size_t obj = (size_t)1 << (MIN_SHIFT + c);
	char *base;

	if (!page)
		return NULL;
	base = page_address(page);
	page->flags |= PG_slab;
	page->slab_size = (u16)obj;
	page->slab_inuse = 0;
	page->slab_free = NULL;
	for (size_t off = PAGE_SIZE; off >= obj; off -= obj) {
		void **o = (void **)(base + off - obj);

		*o = page->slab_free;
		page->slab_free = o;
	}
	list_add(&page->list, &partial[c]);
	return page;
}

size_t kmalloc_size_roundup(size_t size)
{
	if (size > ((size_t)1 << (MIN_SHIFT + NR_CLASSES - 1)))
		return WHOLE_FRAME; /* past the largest class: a frame of its own */
	return (size_t)1 << (MIN_SHIFT + size_class(size));
}

void *kmalloc(size_t size)
{
	unsigned long flags;
	struct page *page;
	void **obj;
	int c;

	if (size == 0 || size > KMALLOC_MAX_SIZE)
		return NULL;
	if (!kmalloc_ready)
		kmalloc_init();
	if (size > ((size_t)1 << (MIN_SHIFT + NR_CLASSES - 1))) {
		page = alloc_page();
		if (!page)
			return NULL;
		page->flags |= PG_slab;
		page->slab_size = 0; /* 0: a whole frame (4096 does not fit in u16 with room) */
		return page_address(page);
	}
	c = size_class(size);
	spin_lock_irqsave(&slab_lock, flags);
	if (list_empty(&partial[c]) && !grow(c)) {
		spin_unlock_irqrestore(&slab_lock, flags);
		return NULL;
	}
	page = list_first_entry(&partial[c], struct page, list);
	obj = page->slab_free;
	page->slab_free = *obj;
	page->slab_inuse++;
	if (!page->slab_free)
		list_del(&page->list); /* full: off the partial list until something is freed */
	spin_unlock_irqrestore(&slab_lock, flags);
	return obj;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(const void *ptr)
{
	struct page *page;
	unsigned long flags;
	void **obj = (void **)ptr;

	if (!ptr)
		return;
	page = virt_to_page(ptr);
	BUG_ON(!(page->flags & PG_slab));
	if (page->slab_size == 0) {
		page->flags &= ~PG_slab;
		put_page(page);
		return;
	}
	BUG_ON((uintptr_t)ptr % page->slab_size != 0);
	spin_lock_irqsave(&slab_lock, flags);
	if (!page->slab_free)
		list_add(&page->list, &partial[size_class(page->slab_size)]);
	*obj = page->slab_free;
	page->slab_free = obj;
	if (--page->slab_inuse == 0) {
		list_del(&page->list);
		page->flags &= ~PG_slab;
		put_page(page);
	}
	spin_unlock_irqrestore(&slab_lock, flags);
}
