/*
 * clear_page() and copy_page() (include/arch.h): the generic versions, which an arch may
 * replace (they are weak). A page is page-aligned and a whole number of words long, so
 * there is no head or tail to care about: just words, eight per step, so that the loop's
 * own bookkeeping (one add, one compare) is paid once per 64 bytes rather than per word.
 */
#include <arch.h>
#include <asm/memory.h>

__weak void clear_page(void *page)
{
	unsigned long *p = page, *end = p + PAGE_SIZE / sizeof(*p);

	for (; p < end; p += 8) {
		p[0] = 0;
		p[1] = 0;
		p[2] = 0;
		p[3] = 0;
		p[4] = 0;
		p[5] = 0;
		p[6] = 0;
		p[7] = 0;
	}
}

__weak void copy_page(void *to, const void *from)
{
	unsigned long *d = to, *end = d + PAGE_SIZE / sizeof(*d);
	const unsigned long *s = from;

	for (; d < end; d += 8, s += 8) {
		d[0] = s[0];
		d[1] = s[1];
		d[2] = s[2];
		d[3] = s[3];
		d[4] = s[4];
		d[5] = s[5];
		d[6] = s[6];
		d[7] = s[7];
	}
}
