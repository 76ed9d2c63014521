/* Compiler attributes and helpers used all over the kernel. */
#ifndef COMPILER_H
#define COMPILER_H

#define __used        __attribute__((used))
#define __noreturn    __attribute__((noreturn))
#define __aligned(x)  __attribute__((aligned(x)))
#define __section(s)  __attribute__((section(s)))
#define __packed      __attribute__((packed))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noinline    __attribute__((noinline))
/*
 * Inlined even at -Og, which otherwise calls every static inline function: for the
 * one-to-three-instruction helpers on hot paths (interrupt flags, spinlock and list
 * wrappers, the user-access window), whose call would cost more than their body. gdb
 * still shows them as frames of their own.
 */
#ifndef __always_inline /* the host C library's headers (host tests) have the same */
#define __always_inline inline __attribute__((always_inline))
#endif
/* A default definition that another file (an arch's) may replace with its own. */
#define __weak        __attribute__((weak))

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)   (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

/* Stop the compiler from caching or reordering this access (MMIO, flags set by traps). */
#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier()        __asm__ __volatile__("" ::: "memory")

#endif
