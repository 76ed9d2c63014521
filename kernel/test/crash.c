/* The crash tests every arch has (see CRASH_TEST in ktest.h), and their dispatcher. */
#include <asm/memory.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/test/ktest.h>
#include <lib/string.h>

extern const struct crash_test __crashtests_start[], __crashtests_end[];

/* Not static and not inlined, so the backtrace the runner checks names it. */
__noinline int crash_unmapped_load(void)
{
	volatile int *nothing_here = (volatile int *)(VMALLOC_START + 0x1230);

	return *nothing_here + 1;
}

/* A kernel load from an unmapped address, outside the exception table: an oops. */
CRASH_TEST(oops, EXIT_OOPS, "crash_unmapped_load+")
{
	printk("crash test: load from unmapped kernel address %p\n", (void *)(VMALLOC_START + 0x1230));
	crash_unmapped_load();
}

/* BUG_ON of a false assumption: a panic naming the condition. */
CRASH_TEST(bug_on, EXIT_PANIC, "panic: BUG_ON(jiffies_are_negative)")
{
	volatile int jiffies_are_negative = 1;

	BUG_ON(jiffies_are_negative);
}

__noreturn void crash_test(const char *name)
{
	for (const struct crash_test *t = __crashtests_start; t < __crashtests_end; t++) {
		if (strcmp(t->name, name) == 0) {
			t->fn();
			panic("crash test '%s' did not crash", name);
		}
	}
	panic("no crash test called '%s'", name);
}
