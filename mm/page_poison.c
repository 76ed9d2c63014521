/*
 * Free-page poisoning, a debug option (Linux's page_poison=1): with "page_poison=1" on
 * the command line, every frame that is freed is filled with PAGE_POISON, so a kernel
 * that still uses a frame after putting it reads a loud pattern instead of stale data
 * that looks right. Off by default: filling 4 KiB on every free is most of the cost of
 * munmap and exit. The tests (tools/runtests.py) boot with it on; the benchmarks, off.
 */
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/frame.h>

static bool page_poisoning; /* "page_poison=1" (or =on, =y) on the command line; set once at boot */

void page_poison_init(void)
{
	char value[8];

	if (!cmdline_get("page_poison", value, sizeof(value)))
		return;
	page_poisoning = !strcmp(value, "1") || !strcmp(value, "on") || !strcmp(value, "y");
	if (page_poisoning)
		printk("page_poison: freed frames are filled with %#x\n", PAGE_POISON);
}

bool page_poisoning_enabled(void)
{
	return page_poisoning;
}

void kernel_poison_page(struct page *page)
{
	if (page_poisoning)
		memset(page_address(page), PAGE_POISON, PAGE_SIZE); /* a word per store */
}
