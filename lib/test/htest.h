/*
 * Host unit tests: lib/ and mm/ code built with the host compiler under AddressSanitizer
 * and UBSan. Same output as the in-kernel tests ("ok N name" / "not ok N name # why"),
 * read by the same runner (tools/runtests.py), which finds test names by HTEST(name).
 */
#ifndef LIB_TEST_HTEST_H
#define LIB_TEST_HTEST_H

#include <stdio.h>
#include <string.h>

struct htest {
	const char *name;
	void (*fn)(void);
	struct htest *next;
};

void htest_register(struct htest *t);
void htest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define HTEST(tname)                                                      \
	static void htest_fn_##tname(void);                               \
	static struct htest htest_##tname = { #tname, htest_fn_##tname, 0 }; \
	__attribute__((constructor)) static void htest_reg_##tname(void)  \
	{                                                                 \
		htest_register(&htest_##tname);                           \
	}                                                                 \
	static void htest_fn_##tname(void)

#define HEXPECT(cond)                                                    \
	do {                                                             \
		if (!(cond))                                             \
			htest_fail(__FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

#define HEXPECT_EQ(a, b)                                                        \
	do {                                                                    \
		unsigned long long _a = (unsigned long long)(a);                \
		unsigned long long _b = (unsigned long long)(b);                \
		if (_a != _b)                                                   \
			htest_fail(__FILE__, __LINE__, "%s == %s: %#llx != %#llx", \
				   #a, #b, _a, _b);                             \
	} while (0)

#define HEXPECT_STREQ(a, b)                                                          \
	do {                                                                         \
		const char *_a = (a), *_b = (b);                                     \
		if (strcmp(_a, _b) != 0)                                             \
			htest_fail(__FILE__, __LINE__, "%s: \"%s\" != \"%s\"", #a, _a, _b); \
	} while (0)

/* lib/ functions under their host names (the build renames them: see host.syms). */
#include <stdarg.h>
#include <stddef.h>
int fl_snprintf(char *buf, size_t size, const char *fmt, ...);
int fl_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void *fl_memcpy(void *dst, const void *src, size_t n);
void *fl_memmove(void *dst, const void *src, size_t n);
void *fl_memset(void *dst, int c, size_t n);
int fl_memcmp(const void *a, const void *b, size_t n);
size_t fl_strlen(const char *s);
size_t fl_strnlen(const char *s, size_t max);
int fl_strcmp(const char *a, const char *b);
int fl_strncmp(const char *a, const char *b, size_t n);
char *fl_strchr(const char *s, int c);
size_t fl_strlcpy(char *dst, const char *src, size_t size);

#endif
