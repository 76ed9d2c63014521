/*
 * Freestanding string and memory functions.
 *
 * memset, memcpy and memmove move one machine word (unsigned long: 8 bytes on both
 * arches) per step through the middle of a buffer, and single bytes only at its ends:
 * a head of bytes up to the first word-aligned address, then whole aligned words, then
 * a tail of bytes. A word access is only ever made at an aligned address, so no arch
 * needs to support misaligned loads (riscv64 may trap on them). memcpy and memmove can
 * only do that when dst and src are equally misaligned (the same address modulo the
 * word size); otherwise they copy bytes.
 */
#include <compiler.h>
#include <lib/string.h>

/*
 * A word that may alias any other type: the functions below read and write memory that
 * the caller sees as some other type, which C's aliasing rules otherwise forbid.
 */
typedef unsigned long __attribute__((may_alias)) word_t;

#define WORD_SIZE sizeof(word_t)

static bool word_aligned(const void *p)
{
	return (uintptr_t)p % WORD_SIZE == 0;
}

/* Can dst and src both become word-aligned after the same number of head bytes? */
static bool same_alignment(const void *dst, const void *src)
{
	return ((uintptr_t)dst - (uintptr_t)src) % WORD_SIZE == 0;
}

/* Copy n bytes from the lowest address up (safe for overlap when dst is below src). */
static void copy_forward(u8 *d, const u8 *s, size_t n)
{
	if (same_alignment(d, s)) {
		for (; n && !word_aligned(d); n--)
			*d++ = *s++;
		/* Four words a step while there are four: the loop's own add, compare and
		 * branch are paid once per 32 bytes. Then single words. */
		for (; n >= 4 * WORD_SIZE; n -= 4 * WORD_SIZE, d += 4 * WORD_SIZE, s += 4 * WORD_SIZE) {
			((word_t *)d)[0] = ((const word_t *)s)[0];
			((word_t *)d)[1] = ((const word_t *)s)[1];
			((word_t *)d)[2] = ((const word_t *)s)[2];
			((word_t *)d)[3] = ((const word_t *)s)[3];
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE, d += WORD_SIZE, s += WORD_SIZE)
			*(word_t *)d = *(const word_t *)s;
	}
	for (; n; n--)
		*d++ = *s++;
}

/* Copy n bytes from the highest address down (safe for overlap when dst is above src). */
static void copy_backward(u8 *d, const u8 *s, size_t n)
{
	d += n;
	s += n;
	if (same_alignment(d, s)) {
		for (; n && !word_aligned(d); n--)
			*--d = *--s;
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			d -= WORD_SIZE;
			s -= WORD_SIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	for (; n; n--)
		*--d = *--s;
}

/* An arch may replace memcpy and memset with its own (they are weak). */
__weak void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

/*
 * Overlap is allowed: copying upward from the bottom never overwrites a source byte not
 * yet read when dst is below src, and copying from the top never does when it is above.
 */
void *memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst <= (uintptr_t)src)
		copy_forward(dst, src, n);
	else
		copy_backward(dst, src, n);
	return dst;
}

__weak void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;
	word_t pattern = (u8)c * (~0UL / 0xff); /* 0x0101...01 times the byte: c in every byte */

	for (; n && !word_aligned(d); n--)
		*d++ = (u8)c;
	for (; n >= 4 * WORD_SIZE; n -= 4 * WORD_SIZE, d += 4 * WORD_SIZE) {
		((word_t *)d)[0] = pattern; /* four words a step, as copy_forward() */
		((word_t *)d)[1] = pattern;
		((word_t *)d)[2] = pattern;
		((word_t *)d)[3] = pattern;
	}
	for (; n >= WORD_SIZE; n -= WORD_SIZE, d += WORD_SIZE)
		*(word_t *)d = pattern;
	for (; n; n--)
		*d++ = (u8)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (u8)*a - (u8)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
