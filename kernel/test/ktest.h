/*
 * In-kernel tests. A test is a function declared with KTEST(name) in kernel/test/ or
 * arch/<arch>/test/; the linker collects them in the .ktests section. At boot, the
 * command line "ktest=all" (or "ktest=prefix") runs them and prints, one line each:
 *     ok N name
 *     not ok N name # first failed expectation
 * then powers off with EXIT_SUCCESS or EXIT_TEST_FAILURE. tools/runtests.py reads the
 * test names from the sources and counts any name without a line as failed.
 */
#ifndef KERNEL_TEST_KTEST_H
#define KERNEL_TEST_KTEST_H

#include <compiler.h>
#include <types.h>

struct ktest {
	const char *name;
	void (*fn)(void);
};

#define KTEST(tname)                                                              \
	static void ktest_fn_##tname(void);                                       \
	static const struct ktest ktest_##tname __used __section(".ktests")       \
		__aligned(8) = { #tname, ktest_fn_##tname };                      \
	static void ktest_fn_##tname(void)

/* Record a failed expectation; the test goes on so that one run shows every failure. */
void ktest_fail(const char *file, int line, const char *fmt, ...) __printf(3, 4);

#define KEXPECT(cond)                                                    \
	do {                                                             \
		if (!(cond))                                             \
			ktest_fail(__FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

#define KEXPECT_EQ(a, b)                                                         \
	do {                                                                     \
		unsigned long long _a = (unsigned long long)(a);                 \
		unsigned long long _b = (unsigned long long)(b);                 \
		if (_a != _b)                                                    \
			ktest_fail(__FILE__, __LINE__, "%s == %s: %#llx != %#llx", \
				   #a, #b, _a, _b);                              \
	} while (0)

#define KEXPECT_STREQ(a, b)                                                          \
	do {                                                                         \
		const char *_a = (a), *_b = (b);                                     \
		if (strcmp(_a, _b) != 0)                                             \
			ktest_fail(__FILE__, __LINE__, "%s: \"%s\" != \"%s\"", #a, _a, _b); \
	} while (0)

/* Run the tests whose name starts with one of filter's comma-separated prefixes ("all":
 * every test); returns the number that failed. */
int ktest_run(const char *filter);

/*
 * Crash tests prove that a kernel bug is reported, not hidden. CRASH_TEST(name, status,
 * "text") declares one: booting with "ktest.crash=name" runs its body, which must end
 * in an oops or a panic. tools/runtests.py reads these declarations from the sources and
 * checks that the boot printed "text" and a backtrace, and exited with status (one of
 * the EXIT_* of kernel/panic.h).
 */
struct crash_test {
	const char *name;
	void (*fn)(void);
};

#define CRASH_TEST(tname, status, expected_text)                                  \
	static void crash_fn_##tname(void);                                       \
	static const struct crash_test crash_##tname __used                       \
		__section(".crashtests") __aligned(8) = { #tname, crash_fn_##tname }; \
	static void crash_fn_##tname(void)

/* Run the crash test called name; panics if it is unknown or did not crash. */
__noreturn void crash_test(const char *name);

#endif
