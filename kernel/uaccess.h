/*
 * Accessors for kernel memory that may not be there. Each returns 0 or -EFAULT and never
 * oopses: the access runs inside arch_copy_nofault(), whose loads and stores are in the
 * exception table. copy_from_user()/copy_to_user() (mm/uaccess.h) are built the same
 * way, with the user-access window open around the copy; these keep it closed, so where
 * the CPU enforces the window (riscv64 always, x86_64 with SMAP) a user address given
 * to them fails (-EFAULT) instead of being faulted in.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <arch.h>
#include <errno.h>

static inline long copy_from_kernel_nofault(void *dst, const void *src, size_t n)
{
	return arch_copy_nofault(dst, src, n) ? -EFAULT : 0;
}

static inline long copy_to_kernel_nofault(void *dst, const void *src, size_t n)
{
	return arch_copy_nofault(dst, src, n) ? -EFAULT : 0;
}

/* val = *ptr, or -EFAULT if ptr cannot be read (Linux's get_kernel_nofault). */
#define get_kernel_nofault(val, ptr) copy_from_kernel_nofault(&(val), (ptr), sizeof(val))

#endif
