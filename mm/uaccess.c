/* copy_from_user() and friends (see uaccess.h). */
#include <arch.h>
#include <asm/memory.h>
#include <asm/uaccess.h>
#include <errno.h>
#include <mm/uaccess.h>

/* The one place the window opens: copy with faults turned into a short count. */
static __always_inline size_t copy_user_nofault(void *dst, const void *src, size_t n)
{
	size_t left;

	user_access_begin();
	left = arch_copy_nofault(dst, src, n);
	user_access_end();
	return left;
}

long copy_from_user(void *dst, const void __user *src, size_t n)
{
	if (!access_ok(src, n))
		return -EFAULT;
	return copy_user_nofault(dst, src, n) ? -EFAULT : 0;
}

long copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return -EFAULT;
	return copy_user_nofault(dst, src, n) ? -EFAULT : 0;
}

long clear_user(void __user *dst, size_t n)
{
	static const u8 zeros[256] __aligned(8); /* aligned: copied a word at a time */

	while (n) {
		size_t chunk = MIN(n, sizeof(zeros));

		if (copy_to_user(dst, zeros, chunk))
			return -EFAULT;
		dst = (u8 __user *)dst + chunk;
		n -= chunk;
	}
	return 0;
}

long strncpy_from_user(char *dst, const char __user *src, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		if (copy_from_user(&dst[i], src + i, 1))
			return -EFAULT;
		if (dst[i] == '\0')
			return (long)i;
	}
	return (long)size; /* no NUL within size bytes: dst is not terminated */
}

/*
 * Read the string in chunks that end on a STRNLEN_CHUNK boundary: such a chunk never
 * crosses a page, so it faults only if the page holding its first byte is unreadable,
 * and a string that ends before a hole is measured without touching the hole. A short
 * string costs one small chunk, not the rest of its page.
 */
#define STRNLEN_CHUNK 32

long strnlen_user(const char __user *s, long n)
{
	char buf[STRNLEN_CHUNK];
	long len = 0;

	if (n <= 0)
		return 0;
	while (len < n) {
		unsigned long at = (unsigned long)s + (unsigned long)len;
		long chunk = MIN((long)(STRNLEN_CHUNK - at % STRNLEN_CHUNK), n - len);

		if (copy_from_user(buf, (const char __user *)at, (size_t)chunk))
			return 0;
		for (long i = 0; i < chunk; i++)
			if (buf[i] == '\0')
				return len + i + 1;
		len += chunk;
	}
	return n + 1;
}
