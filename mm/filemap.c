/*
 * The page cache (see filemap.h): per inode, a tree of its cached pages keyed by page
 * index. The bookkeeping lives in struct page itself (mapping, index, cache_node), as in
 * Linux, so caching a page costs no memory but the page.
 */
#include <arch.h>
#include <kernel/fs.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/frame.h>

static LIST_HEAD(cached_pages); /* every cached page, through page->list, for shrinking */
static unsigned long nr_cached;

static struct page *page_of(struct avl_node *n)
{
	return avl_entry(n, struct page, cache_node);
}

static int index_cmp(const struct avl_node *a, const struct avl_node *b)
{
	unsigned long x = page_of((struct avl_node *)a)->index, y = page_of((struct avl_node *)b)->index;

	return x < y ? -1 : x > y;
}

static struct page *lookup(struct inode *inode, unsigned long index)
{
	struct avl_node *n = inode->page_cache.node;

	while (n) {
		struct page *p = page_of(n);

		if (index == p->index)
			return p;
		n = index < p->index ? n->left : n->right;
	}
	return NULL;
}

bool filemap_cached(struct inode *inode, unsigned long index)
{
	return lookup(inode, index) != NULL;
}

struct page *filemap_get_page(struct inode *inode, unsigned long index, bool *major)
{
	struct page *page = lookup(inode, index);
	u64 off = (u64)index << PAGE_SHIFT;
	size_t n;

	*major = false;
	if (page) {
		get_page(page);
		return page;
	}
	page = alloc_page();
	if (!page)
		return NULL;
	/* "Read" the page from the initrd; past the end of the file it is zeros, and so is
	 * a tmpfs file's page never written (a hole). */
	n = inode->data && off < inode->size ? (size_t)MIN((u64)PAGE_SIZE, inode->size - off) : 0;
	memcpy(page_address(page), inode->data + off, n);
	memset((u8 *)page_address(page) + n, 0, PAGE_SIZE - n);
	page->flags |= PG_cache | (inode->cache_only ? PG_swapbacked : 0);
	page->mapping = inode;
	page->index = index;
	avl_insert(&inode->page_cache, &page->cache_node, index_cmp);
	list_add_tail(&page->list, &cached_pages);
	nr_cached++;
	*major = true;
	get_page(page); /* the caller's reference; the cache keeps the first */
	return page;
}

struct page *filemap_find_page(struct inode *inode, unsigned long index)
{
	struct page *page = lookup(inode, index);

	if (page)
		get_page(page);
	return page;
}

/* Take page out of its file's cache and drop the cache's reference. */
static void remove_from_cache(struct page *page)
{
	avl_erase(&page->mapping->page_cache, &page->cache_node);
	list_del(&page->list);
	page->flags &= ~(PG_cache | PG_swapbacked);
	page->mapping = NULL;
	put_page(page);
	nr_cached--;
}

unsigned long filemap_truncate(struct inode *inode, unsigned long index)
{
	struct avl_node *n = avl_last(&inode->page_cache);
	unsigned long removed = 0;

	while (n && page_of(n)->index >= index) {
		struct avl_node *prev = avl_prev(n);

		remove_from_cache(page_of(n));
		removed++;
		n = prev;
	}
	return removed;
}

/* The cached page of inode with the lowest index >= index, or NULL. */
static struct avl_node *lookup_from(struct inode *inode, unsigned long index)
{
	struct avl_node *n = inode->page_cache.node, *best = NULL;

	while (n) {
		if (page_of(n)->index >= index) {
			best = n;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

unsigned long filemap_remove_range(struct inode *inode, unsigned long start, unsigned long end)
{
	struct avl_node *n = lookup_from(inode, start);
	unsigned long removed = 0;

	while (n && page_of(n)->index < end) {
		struct avl_node *next = avl_next(n);

		remove_from_cache(page_of(n));
		removed++;
		n = next;
	}
	return removed;
}

unsigned long nr_cached_pages(void)
{
	return nr_cached;
}

unsigned long shrink_page_cache(void)
{
	struct list_head *pos, *tmp;
	unsigned long freed = 0;

	list_for_each_safe(pos, tmp, &cached_pages) {
		struct page *page = list_entry(pos, struct page, list);

		if (page->refcount != 1 || page->mapping->cache_only)
			continue; /* mapped somewhere, or a tmpfs file's only copy: keep it */
		remove_from_cache(page);
		freed++;
	}
	return freed;
}
