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

/* Not static and not inlined, so the backtrace names it. */
__noinline int crash_user_access(void)
{
	volatile int *user = (volatile int *)0x10000; /* a user address, outside the accessors */

	return *user + 1;
}

/*
 * The kernel touching user memory outside copy_from_user() and friends is a bug even
 * where a page is mapped: the fault core refuses it (it is not in the exception table)
 * and the arch oopses, naming the cause.
 */
CRASH_TEST(user_access_outside_uaccess, EXIT_OOPS, "crash_user_access+")
{
	printk("crash test: kernel load from user address 0x10000\n");
	crash_user_access();
}

/* BUG_ON of a false assumption: a panic naming the condition. */
CRASH_TEST(bug_on, EXIT_PANIC, "panic: BUG_ON(jiffies_are_negative)")
{
	volatile int jiffies_are_negative = 1;

	BUG_ON(jiffies_are_negative);
}

/*
 * Eat the stack a frame at a time until it runs into the guard below it. On x86_64 the
 * #PF cannot push its own frame there either, so the CPU raises #DF, which runs on its
 * own IST stack; on riscv64 the trap entry sees sp in the guard and switches to an
 * overflow stack. Either way: an oops that says so, not a hang or a reset.
 * (The one recursion in the kernel, on purpose.)
 */
__noinline int overflow_stack(volatile int depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	if (depth > 1000000) /* 256 MiB of stack: never reached, but now provably finite */
		return 0;
	return overflow_stack(depth + 1) + frame[0];
}

CRASH_TEST(stack_overflow, EXIT_OOPS, "kernel stack overflow: sp")
{
	overflow_stack(0);
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
