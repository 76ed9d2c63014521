/* Stopping the machine when the kernel cannot go on. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <compiler.h>
#include <types.h>

/*
 * QEMU exit statuses the kernel powers off with. The test runner reads them:
 * anything but EXIT_SUCCESS is a failure, and the kind tells it why.
 */
#define EXIT_SUCCESS      0
#define EXIT_TEST_FAILURE 1 /* a test reported "not ok" */
#define EXIT_PANIC        2 /* panic() */
#define EXIT_OOPS         3 /* an unexpected trap in kernel mode */

struct pt_regs;

/* Linux's name: set once a panic or an oops has started printing (printk then takes no lock). */
extern bool oops_in_progress;

/* Print "panic: <message>" and a backtrace, then power off with EXIT_PANIC. */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);
/* Print an oops for an unexpected kernel trap (cause, registers, backtrace) and power off. */
__noreturn void oops(const struct pt_regs *regs, const char *cause, unsigned long addr);

/* Checked assumption: a false cond is a kernel bug and panics with file and line. */
#define BUG_ON(cond)                                                          \
	do {                                                                  \
		if (unlikely(cond))                                           \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

#endif
