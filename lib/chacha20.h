/*
 * The ChaCha20 block function (RFC 8439, section 2.3): 32 bytes of key, a 32-bit block
 * counter and 12 bytes of nonce give 64 bytes that look random to anyone without the key.
 * kernel/random.c builds the kernel's random numbers on it.
 */
#ifndef LIB_CHACHA20_H
#define LIB_CHACHA20_H

#include <types.h>

#define CHACHA20_KEY_WORDS   8
#define CHACHA20_NONCE_WORDS 3
#define CHACHA20_BLOCK_SIZE  64

/*
 * Write block number counter of the key stream for key and nonce into out, as the RFC
 * serialises it (each 32-bit word little-endian). key and nonce are words: the RFC's
 * key bytes k[0..31] are key[i] = k[4i] | k[4i+1] << 8 | ...
 */
void chacha20_block(const u32 key[CHACHA20_KEY_WORDS], u32 counter,
		    const u32 nonce[CHACHA20_NONCE_WORDS], u8 out[CHACHA20_BLOCK_SIZE]);

#endif
