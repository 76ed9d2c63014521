/* clear_page() and copy_page() (include/arch.h), whichever definition the arch uses. */
#include <arch.h>
#include <kernel/test/ktest.h>
#include <mm/frame.h>

/* A byte that differs at every offset of a page and from page to page. */
static u8 pattern_byte(unsigned long off, unsigned int seed)
{
	return (u8)(off * 7 + (off >> 8) + seed * 29 + 1);
}

static void fill_page(u8 *p, unsigned int seed)
{
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		p[i] = pattern_byte(i, seed);
}

/* How many bytes of the page differ from the pattern (seed) or from zero (zero). */
static unsigned long count_wrong(const u8 *p, bool zero, unsigned int seed)
{
	unsigned long wrong = 0;

	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (p[i] != (zero ? 0 : pattern_byte(i, seed)))
			wrong++;
	return wrong;
}

KTEST(clear_page_zeroes_every_byte)
{
	struct page *page = alloc_page();

	KEXPECT(page != NULL);
	if (!page)
		return;
	fill_page(page_address(page), 1);
	clear_page(page_address(page));
	KEXPECT_EQ(count_wrong(page_address(page), true, 0), 0);
	put_page(page);
}

/* Every byte arrives, and the source is left as it was. */
KTEST(copy_page_copies_every_byte)
{
	struct page *from = alloc_page(), *to = alloc_page();

	KEXPECT(from != NULL && to != NULL);
	if (from && to) {
		fill_page(page_address(from), 2);
		fill_page(page_address(to), 3);
		copy_page(page_address(to), page_address(from));
		KEXPECT_EQ(count_wrong(page_address(to), false, 2), 0);
		KEXPECT_EQ(count_wrong(page_address(from), false, 2), 0);
	}
	if (from)
		put_page(from);
	if (to)
		put_page(to);
}
