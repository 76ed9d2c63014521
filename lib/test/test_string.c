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

/*
 * The word-at-a-time memory functions against a byte-at-a-time reference, for every
 * alignment of dst and src within a word (0..7) and every length 0..64: enough to give
 * each function a head, a middle of words and a tail in every combination, and the
 * case where dst and src can never both be aligned. Bytes around the destination must
 * stay as they were.
 */
#define MEM_MAX 64
#define MEM_PAD 16
#define MEM_BUF (MEM_PAD + 8 + MEM_MAX + MEM_PAD)

static void fill_pattern(unsigned char *buf, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(seed * 131 + i * 7 + 1);
}

HTEST(string_memcpy_every_alignment_and_length)
{
	_Alignas(16) unsigned char src[MEM_BUF], got[MEM_BUF], want[MEM_BUF];
	unsigned bad = 0;

	fill_pattern(src, sizeof(src), 1);
	for (size_t da = 0; da < 8; da++)
		for (size_t sa = 0; sa < 8; sa++)
			for (size_t n = 0; n <= MEM_MAX; n++) {
				fill_pattern(got, sizeof(got), 2);
				fill_pattern(want, sizeof(want), 2);
				for (size_t i = 0; i < n; i++)
					want[MEM_PAD + da + i] = src[MEM_PAD + sa + i];
				if (fl_memcpy(got + MEM_PAD + da, src + MEM_PAD + sa, n) != got + MEM_PAD + da ||
				    memcmp(got, want, sizeof(got)) != 0) {
					if (!bad++)
						HEXPECT(!"memcpy differs from the byte reference");
					fprintf(stderr, "memcpy dst+%zu src+%zu n=%zu wrong\n", da, sa, n);
				}
			}
	HEXPECT_EQ(bad, 0);
}

HTEST(string_memset_every_alignment_and_length)
{
	_Alignas(16) unsigned char got[MEM_BUF], want[MEM_BUF];
	static const int values[] = { 0, 0x6b, 0xff, -1, 0x1ab }; /* memset uses (u8)c */
	unsigned bad = 0;

	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++)
		for (size_t da = 0; da < 8; da++)
			for (size_t n = 0; n <= MEM_MAX; n++) {
				fill_pattern(got, sizeof(got), 3);
				fill_pattern(want, sizeof(want), 3);
				for (size_t i = 0; i < n; i++)
					want[MEM_PAD + da + i] = (unsigned char)values[v];
				if (fl_memset(got + MEM_PAD + da, values[v], n) != got + MEM_PAD + da ||
				    memcmp(got, want, sizeof(got)) != 0) {
					if (!bad++)
						HEXPECT(!"memset differs from the byte reference");
					fprintf(stderr, "memset dst+%zu c=%#x n=%zu wrong\n", da, values[v], n);
				}
			}
	HEXPECT_EQ(bad, 0);
}

/*
 * memmove within one buffer, the destination below and above the source by every
 * distance 0..17 (overlapping and not), from every alignment, every length 0..64.
 * The reference copies through a separate buffer, which is what "as if through a
 * temporary" means.
 */
HTEST(string_memmove_overlap_both_ways)
{
	_Alignas(16) unsigned char got[MEM_BUF + 32], want[MEM_BUF + 32], tmp[MEM_MAX];
	unsigned bad = 0;

	for (int shift = -17; shift <= 17; shift++)
		for (size_t sa = 0; sa < 8; sa++)
			for (size_t n = 0; n <= MEM_MAX; n++) {
				size_t s = MEM_PAD + 8 + sa, d = (size_t)((long)s + shift);

				fill_pattern(got, sizeof(got), 4);
				fill_pattern(want, sizeof(want), 4);
				memcpy(tmp, want + s, n);
				memcpy(want + d, tmp, n);
				if (fl_memmove(got + d, got + s, n) != got + d ||
				    memcmp(got, want, sizeof(got)) != 0) {
					if (!bad++)
						HEXPECT(!"memmove differs from the reference");
					fprintf(stderr, "memmove shift %d src+%zu n=%zu wrong\n", shift, sa, n);
				}
			}
	HEXPECT_EQ(bad, 0);
}
