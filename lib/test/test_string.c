/* lib/string.c against the host C library. */
#include <stdint.h>
#include "htest.h"

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

HTEST(string_compare_and_length)
{
	static const char *const s[] = { "", "a", "ab", "abc", "abd", "b", "\xff", "ab\0z" };

	for (size_t i = 0; i < 8; i++) {
		HEXPECT_EQ(fl_strlen(s[i]), strlen(s[i]));
		HEXPECT_EQ(fl_strnlen(s[i], 2), strnlen(s[i], 2));
		for (size_t j = 0; j < 8; j++) {
			HEXPECT_EQ(sign(fl_strcmp(s[i], s[j])), sign(strcmp(s[i], s[j])));
			HEXPECT_EQ(sign(fl_strncmp(s[i], s[j], 2)), sign(strncmp(s[i], s[j], 2)));
			HEXPECT_EQ(sign(fl_memcmp(s[i], s[j], 1)), sign(memcmp(s[i], s[j], 1)));
		}
	}
}

HTEST(string_strchr)
{
	const char *h = "hello";

	HEXPECT(fl_strchr(h, 'l') == h + 2);
	HEXPECT(fl_strchr(h, '\0') == h + 5);
	HEXPECT(fl_strchr(h, 'z') == NULL);
}

HTEST(string_memmove_overlap)
{
	char a[32], b[32];

	for (int shift = -8; shift <= 8; shift++) {
		for (int i = 0; i < 32; i++)
			a[i] = b[i] = (char)i;
		fl_memmove(a + 8 + shift, a + 8, 12);
		memmove(b + 8 + shift, b + 8, 12);
		HEXPECT_EQ(memcmp(a, b, 32), 0);
	}
	fl_memset(a, 0x5a, sizeof(a));
	for (int i = 0; i < 32; i++)
		HEXPECT_EQ((unsigned char)a[i], 0x5a);
	HEXPECT(fl_memcpy(b, a, 32) == b);
	HEXPECT_EQ(memcmp(a, b, 32), 0);
}

HTEST(string_strlcpy)
{
	char buf[6];

	HEXPECT_EQ(fl_strlcpy(buf, "hello world", sizeof(buf)), 11);
	HEXPECT_STREQ(buf, "hello");
	HEXPECT_EQ(fl_strlcpy(buf, "hi", sizeof(buf)), 2);
	HEXPECT_STREQ(buf, "hi");
	buf[0] = 'x';
	HEXPECT_EQ(fl_strlcpy(buf, "abc", 0), 3);
	HEXPECT_EQ(buf[0], 'x'); /* size 0: untouched */
}
