/* Kernel messages: printk() formats (see lib/printf.h) and writes to every console. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <compiler.h>
#include <stdarg.h>
#include <types.h>

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

/* A console is anything that can print bytes; the newest registered one is used. */
struct console {
	const char *name;
	void (*write)(const char *s, size_t n); /* must not sleep or take locks that can */
};

void console_register(struct console *con);
/* Write raw bytes to the console (used by printk and, later, by write(1, ...)). */
void console_write(const char *s, size_t n);

#endif
