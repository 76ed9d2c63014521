/*
 * ChaCha20's block function, from the description in RFC 8439 (section 2): a 4x4 matrix
 * of 32-bit words (4 constants, 8 key words, the counter, 3 nonce words) goes through 20
 * rounds of additions, XORs and rotations; the result plus the input is the block.
 */
#include <lib/chacha20.h>

static inline u32 rotl32(u32 v, int n)
{
	return (v << n) | (v >> (32 - n));
}

/* The quarter round (RFC 8439, 2.1) on words a, b, c, d of the state x. */
static void quarter_round(u32 x[16], int a, int b, int c, int d)
{
	x[a] += x[b]; x[d] ^= x[a]; x[d] = rotl32(x[d], 16);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = rotl32(x[b], 12);
	x[a] += x[b]; x[d] ^= x[a]; x[d] = rotl32(x[d], 8);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = rotl32(x[b], 7);
}

void chacha20_block(const u32 key[CHACHA20_KEY_WORDS], u32 counter,
		    const u32 nonce[CHACHA20_NONCE_WORDS], u8 out[CHACHA20_BLOCK_SIZE])
{
	/* "expand 32-byte k" as four little-endian words (RFC 8439, 2.3). */
	u32 in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 }, x[16];

	for (int i = 0; i < CHACHA20_KEY_WORDS; i++)
		in[4 + i] = key[i];
	in[12] = counter;
	for (int i = 0; i < CHACHA20_NONCE_WORDS; i++)
		in[13 + i] = nonce[i];
	for (int i = 0; i < 16; i++)
		x[i] = in[i];
	for (int round = 0; round < 20; round += 2) {
		/* a column round, then a diagonal round (RFC 8439, 2.3) */
		quarter_round(x, 0, 4, 8, 12);
		quarter_round(x, 1, 5, 9, 13);
		quarter_round(x, 2, 6, 10, 14);
		quarter_round(x, 3, 7, 11, 15);
		quarter_round(x, 0, 5, 10, 15);
		quarter_round(x, 1, 6, 11, 12);
		quarter_round(x, 2, 7, 8, 13);
		quarter_round(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++) {
		u32 w = x[i] + in[i];

		out[4 * i] = (u8)w;
		out[4 * i + 1] = (u8)(w >> 8);
		out[4 * i + 2] = (u8)(w >> 16);
		out[4 * i + 3] = (u8)(w >> 24);
	}
	for (int i = 0; i < 16; i++) /* the state is key material: leave none on the stack */
		((volatile u32 *)x)[i] = 0;
}
