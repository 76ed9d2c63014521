/*
 * Free-page poisoning (mm/page_poison.c) is on exactly when the command line says
 * page_poison=1 (or =on, =y): then a freed frame reads as PAGE_POISON; otherwise a free
 * leaves its bytes alone. make test runs this in the ktest=all boot, which has
 * page_poison=1, and in a boot of its own without it, which proves the default is off.
 */
#include <arch.h>
#include <kernel/cmdline.h>
#include <kernel/test/ktest.h>
#include <lib/string.h>
#include <mm/frame.h>

static bool poison_on_command_line(void)
{
	char value[8];

	if (!cmdline_get("page_poison", value, sizeof(value)))
		return false;
	return !strcmp(value, "1") || !strcmp(value, "on") || !strcmp(value, "y");
}

KTEST(page_poison_only_when_asked)
{
	bool want = poison_on_command_line();
	unsigned long flags, poisoned = 0, kept = 0;
	struct page *page;
	const u8 *bytes;

	KEXPECT_EQ(page_poisoning_enabled(), want);
	/* Interrupts off: nothing can take the frame between put_page() and the reads. */
	flags = arch_irq_save();
	page = alloc_page();
	if (page) {
		bytes = page_address(page);
		memset(page_address(page), 0x11, PAGE_SIZE);
		put_page(page);
		for (unsigned long i = 0; i < PAGE_SIZE; i++) {
			poisoned += bytes[i] == PAGE_POISON;
			kept += bytes[i] == 0x11;
		}
	}
	arch_irq_restore(flags);
	KEXPECT(page != NULL);
	KEXPECT_EQ(poisoned, want ? PAGE_SIZE : 0);
	KEXPECT_EQ(kept, want ? 0 : PAGE_SIZE);
}
