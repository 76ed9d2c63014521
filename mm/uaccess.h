/*
 * Copying to and from user memory. Every pointer a system call receives from user space
 * goes through these: the range is checked to lie wholly in the user half (no wrap), and
 * the copy runs inside arch_copy_nofault() with the user-access window open, so an
 * unmapped or read-only user page ends in the exception table as -EFAULT, never as an
 * oops. Outside these functions the kernel cannot touch user memory at all (riscv64:
 * sstatus.SUM clear; x86_64: SMAP).
 */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H

#include <asm/memory.h>
#include <compiler.h>
#include <types.h>

#define __user /* marks a pointer into user space: never dereference it directly */

/* True if [addr, addr+size) lies in the user half without wrapping around. */
static __always_inline bool access_ok(const void __user *addr, size_t size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}
/* Copy n bytes; 0 or -EFAULT (the destination may be partly written). */
long copy_from_user(void *dst, const void __user *src, size_t n);
long copy_to_user(void __user *dst, const void *src, size_t n);
/* Zero n bytes of user memory; 0 or -EFAULT. */
long clear_user(void __user *dst, size_t n);
/* Copy the string at src, its NUL included, into dst (size bytes): its length, -EFAULT,
 * or size if no NUL came within size bytes (dst then holds no NUL), as Linux's. */
long strncpy_from_user(char *dst, const char __user *src, size_t size);
/*
 * Length of the string at s with its NUL, reading at most n bytes (Linux's contract): 0
 * if it cannot be read before its NUL, more than n if no NUL comes within n bytes.
 */
long strnlen_user(const char __user *s, long n);

#endif
