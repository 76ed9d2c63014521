/*
 * Formatted output straight to a file descriptor: no FILE, no buffering, one write()
 * per call, so output from parent and child processes never interleaves mid-line.
 * The formatter is the kernel's lib/printf.c (vsnprintf), built into the user libc;
 * lib/printf.h lists the conversions it supports (no floating point).
 */
#ifndef USER_STDIO_H
#define USER_STDIO_H

#include <stdarg.h>
#include <lib/printf.h>

#define EOF (-1)

/* Print to fd 1 / to fd. Return the number of bytes written, or -1 with errno set. */
int printf(const char *fmt, ...) __printf(1, 2);
int dprintf(int fd, const char *fmt, ...) __printf(2, 3);
int vdprintf(int fd, const char *fmt, va_list ap);
/* Write s and a newline to fd 1. Returns a non-negative number, or EOF. */
int puts(const char *s);

/* Rename a file or directory, replacing newpath (renameat2 flags: RENAME_NOREPLACE). 0, or -1. */
int rename(const char *oldpath, const char *newpath);
int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags);

#endif
