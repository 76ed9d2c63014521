/* Crash tests (see ktest.h): each must end in an oops or a panic, never return. */
#include <arch.h>
#include <asm/memory.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/test/ktest.h>
#include <lib/string.h>

/* Not static and not inlined, so the backtrace the runner checks names it. */
__noinline int crash_unmapped_load(void)
{
	volatile int *nothing_here = (volatile int *)(VMALLOC_START + 0x1230);

	return *nothing_here + 1;
}

__noreturn void crash_test(const char *what)
{
	if (strcmp(what, "oops") == 0) {
		printk("crash test: load from unmapped kernel address %p\n", (void *)(VMALLOC_START + 0x1230));
		crash_unmapped_load();
	} else {
		arch_crash_test(what);
	}
	panic("crash test '%s' did not crash", what);
}
