/* printk's formatter, in the kernel build (the host tests compare it with glibc too). */
#include <kernel/printk.h>
#include <kernel/test/ktest.h>
#include <lib/printf.h>
#include <lib/string.h>

#define FMT(expect, ...)                                      \
	do {                                                  \
		char _buf[64];                                \
		snprintf(_buf, sizeof(_buf), __VA_ARGS__);    \
		KEXPECT_STREQ(_buf, expect);                  \
	} while (0)

KTEST(printk_formats)
{
	char small[4];
	FMT("-42", "%d", -42);
	FMT("   42|42   |", "%5d|%-5d|", 42, 42);
	FMT("-0042", "%05d", -42);
	FMT("4294967295", "%u", 4294967295u);
	FMT("beef BEEF 0xff", "%x %X %#x", 0xbeef, 0xbeef, 255);
	FMT("ffffffff80200000", "%lx", 0xffffffff80200000UL);
	FMT("0000000000001234", "%016lx", 0x1234UL);
	FMT("0x0000000000001000", "%p", (void *)0x1000);
	const char *volatile nothing = NULL; /* volatile: gcc would warn about a literal NULL */

	FMT("abc|ab|   ab|(null)", "%s|%.2s|%5s|%s", "abc", "abc", "ab", nothing);
	FMT("x%", "%c%%", 'x');
	FMT("-9223372036854775808", "%lld", -9223372036854775807LL - 1);
	FMT("12345 777", "%zu %o", (size_t)12345, 0777);
	KEXPECT_EQ(snprintf(small, sizeof(small), "%s", "abcdef"), 6);
	KEXPECT_STREQ(small, "abc");
	KEXPECT_EQ(printk("%s", ""), 0);
}
