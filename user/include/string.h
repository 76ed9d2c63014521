/*
 * String and memory functions. The core ones are the kernel's own lib/string.c, built
 * into the user libc unchanged; lib/string.h declares them.
 */
#ifndef USER_STRING_H
#define USER_STRING_H

#include <lib/string.h>

/* The first byte c in the n bytes at s, or NULL. */
void *memchr(const void *s, int c, size_t n);
/* Last occurrence of c in s, or NULL. */
char *strrchr(const char *s, int c);
/* The first occurrence of needle in haystack, or NULL. */
char *strstr(const char *haystack, const char *needle);
/* A message for an errno value ("No such file or directory"); never NULL. */
char *strerror(int errnum);

#endif
