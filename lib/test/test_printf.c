/* lib/printf.c against the host C library, format by format. */
#include <limits.h>
#include <stdint.h>
#include "htest.h"

/* Format with both and compare text and return value. */
#define SAME(...)                                                              \
	do {                                                                   \
		char ours[128], theirs[128];                                   \
		int a = fl_snprintf(ours, sizeof(ours), __VA_ARGS__);          \
		int b = snprintf(theirs, sizeof(theirs), __VA_ARGS__);         \
		if (a != b || strcmp(ours, theirs) != 0)                       \
			htest_fail(__FILE__, __LINE__, "%s: \"%s\" (%d), libc \"%s\" (%d)", \
				   #__VA_ARGS__, ours, a, theirs, b);          \
	} while (0)

HTEST(printf_integers_match_libc)
{
	static const long long values[] = { 0, 1, -1, 7, 42, -42, 255, 4096, 65535, INT_MAX,
					    INT_MIN, LLONG_MAX, LLONG_MIN, 0x80200000LL };
	static const char *const int_fmts[] = { "%d", "%5d", "%-5d|", "%05d", "%+d", "% d",
						"%.3d", "%8.3d", "%-8.3d|", "%x", "%X", "%#x",
						"%08x", "%#010x", "%o", "%#o", "%u", "%.0d" };
	static const char *const ll_fmts[] = { "%lld", "%llx", "%20lld", "%-20lld|", "%016llx",
					       "%#llx", "%llu", "%+lld" };

	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
		for (size_t f = 0; f < sizeof(int_fmts) / sizeof(int_fmts[0]); f++)
			SAME(int_fmts[f], (int)values[v]);
		for (size_t f = 0; f < sizeof(ll_fmts) / sizeof(ll_fmts[0]); f++)
			SAME(ll_fmts[f], values[v]);
		SAME("%ld %lu %lx", (long)values[v], (unsigned long)values[v], (unsigned long)values[v]);
		SAME("%hhd %hd %hhx", (int)values[v], (int)values[v], (int)values[v]);
		SAME("%zu %zx", (size_t)values[v], (size_t)values[v]);
	}
}

HTEST(printf_strings_chars_match_libc)
{
	SAME("%s", "hello");
	SAME("%10s|%-10s|", "hi", "hi");
	SAME("%.3s|%.0s|%.10s", "abcdef", "abc", "abc");
	SAME("%*d|%-*d|%.*s", 6, 42, 6, 42, 2, "xyz");
	SAME("%*d", -6, 42);
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("%3c|%-3c|", 'a', 'b');
	SAME("100%% %s", "sure");
	SAME("no conversions at all");
	SAME("%s", "");
}

HTEST(printf_pointer_and_truncation)
{
	char buf[8];
	char big[64];

	fl_snprintf(big, sizeof(big), "%p", (void *)0x1000);
	HEXPECT_STREQ(big, "0x0000000000001000");
	fl_snprintf(big, sizeof(big), "%p", (void *)0xffffffff80200000UL);
	HEXPECT_STREQ(big, "0xffffffff80200000");
	HEXPECT_EQ(fl_snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
	HEXPECT_STREQ(buf, "0123456");
	HEXPECT_EQ(fl_snprintf(buf, 1, "abc"), 3);
	HEXPECT_EQ(buf[0], 0);
	HEXPECT_EQ(fl_snprintf(NULL, 0, "%d", 12345), 5); /* size 0: nothing written */
	fl_snprintf(big, sizeof(big), "%s", (char *)NULL);
	HEXPECT_STREQ(big, "(null)");
	fl_snprintf(big, sizeof(big), "%q|%");
	HEXPECT_STREQ(big, "%q|");
}
