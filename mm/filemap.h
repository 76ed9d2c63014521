/*
 * The page cache: a file's pages, read in once and shared by every mapping of the file
 * (Linux's filemap). Here "reading" copies from the initrd, which stands in for a disk:
 * a fault that has to do it is a major fault. Pages stay cached until memory runs short.
 */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include <types.h>

struct inode;
struct page;

/*
 * The page of inode at page index index, with a reference for the caller; read in (and
 * *major set) if it was not cached. NULL if out of memory.
 */
struct page *filemap_get_page(struct inode *inode, unsigned long index, bool *major);
/* The cached page of inode at index with a reference for the caller, or NULL: never reads. */
struct page *filemap_find_page(struct inode *inode, unsigned long index);
/* Drop inode's cached pages from index on (truncate, tmpfs eviction); how many went. */
unsigned long filemap_truncate(struct inode *inode, unsigned long index);
/* Drop inode's cached pages with index in [start, end) (a hole punched); how many went. */
unsigned long filemap_remove_range(struct inode *inode, unsigned long start, unsigned long end);
/* Is the page at index cached? (mincore) */
bool filemap_cached(struct inode *inode, unsigned long index);
/* Pages in every file's cache. */
unsigned long nr_cached_pages(void);
/* Drop cached pages nobody maps; returns how many frames came back. */
unsigned long shrink_page_cache(void);

#endif
