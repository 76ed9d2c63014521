/*
 * System calls: Linux's numbers (asm/unistd.h), arguments and results. The arch's trap
 * code takes the number and six arguments from the registers and calls
 * syscall_dispatch(), which returns the result (negative errno on failure).
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

long syscall_dispatch(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		      unsigned long a3, unsigned long a4, unsigned long a5);

#endif
