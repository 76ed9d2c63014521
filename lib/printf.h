/*
 * Formatted output into a buffer. Supports what a kernel needs and no more:
 * %d %i %u %x %X %o %p %s %c %%, the length modifiers h hh l ll z t, the flags
 * '-' '0' '+' ' ' '#', a field width and a precision (either may be '*').
 * No floating point. %p prints 0x and 16 hex digits, so addresses line up.
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <stdarg.h>
#include <compiler.h>
#include <types.h>

/* Returns the length the full output would have; writes at most size-1 chars plus NUL. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif
