/*
 * Random numbers for the kernel and for user space (AT_RANDOM, getrandom).
 *
 * One ChaCha20 key, crng_key, is the whole state. Input (the platform's seed at boot, a
 * cycle count with every request) is XORed into it and then "ratcheted": the key is
 * replaced by the first half of a ChaCha20 block made with it, which cannot be undone.
 * A request ratchets once more and takes the block's second half as a key of its own,
 * which makes the request's bytes (blocks 0, 1, 2, ... of that key) and is then wiped.
 * So nothing in memory after a request can recompute what it returned (fast key
 * erasure, as Linux's crng does).
 *
 * The quality rests on the seed: RDSEED/RDRAND on x86_64 and QEMU's /chosen/rng-seed on
 * riscv64 are real entropy; without them only timing is mixed in, and the boot log says
 * so.
 */
#include <arch.h>
#include <asm/memory.h>
#include <errno.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/uio.h>
#include <lib/chacha20.h>
#include <lib/string.h>

/* The generator's key and how many times it was ratcheted (the nonce of each ratchet),
 * under crng_lock: a request is short and may come from anywhere. */
static DEFINE_SPINLOCK(crng_lock); /* protects crng_key and crng_generation */
static u32 crng_key[CHACHA20_KEY_WORDS];
static u64 crng_generation;

/* Wipe len bytes of key material so that the compiler cannot drop the stores. */
static void wipe(void *p, size_t len)
{
	volatile u8 *b = p;

	while (len--)
		*b++ = 0;
}

/*
 * Replace crng_key by a block of itself: the first 32 bytes become the new key; the last
 * 32 go to next_key (a request's own key) if it is not NULL. Interrupts must be off.
 */
static void crng_ratchet(u32 next_key[CHACHA20_KEY_WORDS])
{
	u32 nonce[CHACHA20_NONCE_WORDS] = { (u32)crng_generation, (u32)(crng_generation >> 32), 0 };
	u8 block[CHACHA20_BLOCK_SIZE];

	crng_generation++;
	chacha20_block(crng_key, 0, nonce, block);
	memcpy(crng_key, block, sizeof(crng_key));
	if (next_key)
		memcpy(next_key, block + sizeof(crng_key), sizeof(crng_key));
	wipe(block, sizeof(block));
}

/* Mix len bytes of input into the key, 32 at a time, each followed by a ratchet. */
static void crng_mix(const void *data, size_t len)
{
	const u8 *p = data;
	unsigned long flags;

	spin_lock_irqsave(&crng_lock, flags);
	while (len) {
		size_t n = len < sizeof(crng_key) ? len : sizeof(crng_key);

		for (size_t i = 0; i < n; i++)
			((u8 *)crng_key)[i] ^= p[i];
		crng_ratchet(NULL);
		p += n;
		len -= n;
	}
	spin_unlock_irqrestore(&crng_lock, flags);
}

/* A fresh key for one request, after mixing in the time of the request. */
static void crng_request_key(u32 key[CHACHA20_KEY_WORDS])
{
	u64 now = arch_cycle_counter();
	unsigned long flags;

	crng_mix(&now, sizeof(now));
	spin_lock_irqsave(&crng_lock, flags);
	crng_ratchet(key);
	spin_unlock_irqrestore(&crng_lock, flags);
}

void random_init(void)
{
	u8 seed[64];
	size_t got = arch_get_random_seed(seed, sizeof(seed));
	u64 jitter[8];

	crng_mix(seed, got);
	wipe(seed, sizeof(seed));
	/* Timing: weak alone, but free. Each reading is a different distance into boot. */
	for (int i = 0; i < 8; i++) {
		jitter[i] = arch_cycle_counter();
		for (volatile int spin = 0; spin < 100 + (int)(jitter[i] & 0xff); spin++)
			;
	}
	crng_mix(jitter, sizeof(jitter));
	if (got >= 32)
		printk("random: seeded with %zu bytes from the platform\n", got);
	else
		printk("random: no platform entropy (%zu bytes): seeded from timing only, "
		       "predictable\n", got);
}

void get_random_bytes(void *buf, size_t len)
{
	u32 key[CHACHA20_KEY_WORDS], nonce[CHACHA20_NONCE_WORDS] = { 0 };
	u8 block[CHACHA20_BLOCK_SIZE];
	u8 *out = buf;

	crng_request_key(key);
	for (u32 counter = 0; len; counter++) {
		size_t n = len < sizeof(block) ? len : sizeof(block);

		chacha20_block(key, counter, nonce, block);
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	wipe(block, sizeof(block));
	wipe(key, sizeof(key));
}

/*
 * Random bytes into the iterator (Linux's get_random_bytes_user): one request, whose key
 * makes as many blocks as it takes. A fault ends it with what was written before it, or
 * -EFAULT if nothing was; a pending signal ends a long request at a page boundary with
 * what was written so far.
 */
long get_random_bytes_user(struct iov_iter *iter)
{
	u32 key[CHACHA20_KEY_WORDS], nonce[CHACHA20_NONCE_WORDS] = { 0 };
	u8 block[CHACHA20_BLOCK_SIZE];
	size_t done = 0;

	if (!iov_iter_count(iter))
		return 0;
	crng_request_key(key);
	for (u32 counter = 0; iov_iter_count(iter); counter++) {
		size_t n = MIN(iov_iter_count(iter), sizeof(block));
		size_t copied;

		/* 2^32 blocks are 256 GiB, beyond MAX_RW_COUNT: the counter never wraps. */
		chacha20_block(key, counter, nonce, block);
		copied = copy_to_iter(block, n, iter);
		done += copied;
		if (copied < n)
			break;
		if (done % PAGE_SIZE == 0 && iov_iter_count(iter)) {
			if (signal_pending_current())
				break;
			cond_resched();
		}
	}
	wipe(block, sizeof(block));
	wipe(key, sizeof(key));
	return done ? (long)done : -EFAULT;
}

/*
 * Linux's rules (drivers/char/random.c): unknown flags or GRND_INSECURE with GRND_RANDOM
 * are EINVAL; the count is capped at MAX_RW_COUNT; a range reaching past user space is
 * -EFAULT with nothing written; then as get_random_bytes_user(). We are always seeded, so
 * nothing ever waits.
 */
long sys_getrandom(char __user *buf, size_t count, unsigned int flags)
{
	struct iov_iter iter;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	if (!count)
		return 0;
	if (!access_ok(buf, count))
		return -EFAULT; /* the whole range first, as Linux's import_ubuf(): nothing written */
	iov_iter_init_single(&iter, buf, count);
	return get_random_bytes_user(&iter);
}
