/*
 * The kernel's random numbers (Linux's get_random_bytes and getrandom): a ChaCha20 key
 * seeded at boot from the platform's entropy (arch_get_random_seed: RDSEED/RDRAND on
 * x86_64, the device tree's /chosen/rng-seed on riscv64) and from timing, used with fast
 * key erasure: every request first replaces the key, so output already handed out
 * cannot be recomputed from the key a later attacker might read.
 */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <mm/uaccess.h>
#include <types.h>

struct iov_iter;

/* getrandom(2) flags (include/uapi/linux/random.h). */
#define GRND_NONBLOCK 0x0001 /* never wait for the pool (ours never waits) */
#define GRND_RANDOM   0x0002 /* the old /dev/random: the same numbers since Linux 5.6 */
#define GRND_INSECURE 0x0004 /* do not wait even if unseeded; not with GRND_RANDOM */

/* Seed the generator from the platform and from timing. Once, before init runs. */
void random_init(void);
/* Fill buf with len random bytes. Never fails, never sleeps. */
void get_random_bytes(void *buf, size_t len);
/* Random bytes into iter (/dev/urandom's read): the count written (maybe short), or
 * -EFAULT if a fault came before any byte. */
long get_random_bytes_user(struct iov_iter *iter);
/* getrandom(buf, count, flags): the count written (maybe short), -EINVAL or -EFAULT. */
long sys_getrandom(char __user *buf, size_t count, unsigned int flags);

#endif
