/*
 * malloc over mmap: simple and obviously correct rather than fast.
 *
 * Every block starts with a 16-byte header (so the memory handed out stays 16-byte
 * aligned) that says how the block was made:
 *
 *   small blocks (header + request < 64 KiB): power-of-two size classes of 32 bytes to
 *     64 KiB. Freed blocks go onto their class's free list and are reused as they are:
 *     no splitting, no merging. New blocks are cut from 128 KiB arenas got from mmap;
 *     arenas are never returned.
 *   large blocks: a private anonymous mapping of their own, rounded up to pages, given
 *     back with munmap() on free().
 *
 * The magic number catches free() of a pointer that malloc never returned, and double
 * frees of large blocks.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE_SIZE      4096UL
#define MIN_SHIFT      5                      /* smallest class: 32 bytes */
#define NR_CLASSES     12                     /* 32 B ... 64 KiB */
#define LARGE_SIZE     (64 * 1024UL)          /* from here on: a mapping per block */
#define ARENA_SIZE     (128 * 1024UL)
#define MAGIC_SMALL    0x5ba11b10cUL
#define MAGIC_LARGE    0x1a26eb10cUL

struct header {
	unsigned long magic; /* MAGIC_SMALL or MAGIC_LARGE while allocated */
	unsigned long size;  /* small: the class's block size; large: the mapping's length */
};

_Static_assert(sizeof(struct header) == 16, "the header keeps blocks 16-byte aligned");

/* A free small block: the header, then the link to the next free block of its class. */
struct free_block {
	struct header hdr;
	struct free_block *next;
};

static struct free_block *free_lists[NR_CLASSES]; /* per class, LIFO */
static char *arena_next, *arena_end;               /* the unused part of the last arena */

_Static_assert((1UL << (MIN_SHIFT + NR_CLASSES - 1)) == LARGE_SIZE,
	       "the largest class holds every small block");
_Static_assert(ARENA_SIZE >= LARGE_SIZE, "an arena holds a block of the largest class");

/* The class (0 .. NR_CLASSES-1) for a block of total bytes (header included) < LARGE_SIZE. */
static int size_class(size_t total)
{
	int c = 0;

	while ((1UL << (MIN_SHIFT + c)) < total)
		c++;
	return c;
}

/* A new block of class c cut from the arena (a fresh arena if needed), or NULL. */
static struct header *carve(int c)
{
	size_t size = 1UL << (MIN_SHIFT + c);
	struct header *h;

	if ((size_t)(arena_end - arena_next) < size) {
		char *arena = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (arena == MAP_FAILED)
			return NULL;
		arena_next = arena;
		arena_end = arena + ARENA_SIZE;
	}
	h = (struct header *)arena_next;
	arena_next += size;
	h->size = size;
	return h;
}

void *malloc(size_t size)
{
	struct header *h;

	if (size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	size += sizeof(struct header);
	if (size >= LARGE_SIZE) {
		size_t len = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

		h = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (h == MAP_FAILED)
			return NULL; /* errno set by mmap */
		h->magic = MAGIC_LARGE;
		h->size = len;
		return h + 1;
	}

	int c = size_class(size);

	if (free_lists[c]) {
		h = &free_lists[c]->hdr;
		free_lists[c] = free_lists[c]->next;
	} else {
		h = carve(c);
		if (!h) {
			errno = ENOMEM;
			return NULL;
		}
	}
	h->magic = MAGIC_SMALL;
	return h + 1;
}

/* The header of an allocated block; kills the program if ptr is not one. */
static struct header *block_of(void *ptr, const char *who)
{
	struct header *h = (struct header *)ptr - 1;

	if (((uintptr_t)ptr & 15) || (h->magic != MAGIC_SMALL && h->magic != MAGIC_LARGE)) {
		dprintf(2, "%s(%p): not a block from malloc, or freed twice\n", who, ptr);
		abort();
	}
	return h;
}

void free(void *ptr)
{
	struct header *h;

	if (!ptr)
		return;
	h = block_of(ptr, "free");
	if (h->magic == MAGIC_LARGE) {
		h->magic = 0;
		munmap(h, h->size);
		return;
	}

	struct free_block *b = (struct free_block *)h;
	int c = size_class(h->size);

	h->magic = 0;
	b->next = free_lists[c];
	free_lists[c] = b;
}

void *calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	struct header *h;
	size_t room;
	void *p;

	if (!ptr)
		return malloc(size);
	h = block_of(ptr, "realloc");
	room = h->size - sizeof(struct header);
	if (size <= room && h->magic == MAGIC_SMALL)
		return ptr; /* still fits its class */
	p = malloc(size);
	if (!p)
		return NULL;
	memcpy(p, ptr, MIN(size, room));
	free(ptr);
	return p;
}
