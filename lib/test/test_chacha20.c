/* lib/chacha20.c against RFC 8439's test vector (2.3.2) and a second one from an
 * independent implementation (the counter near its wrap, a nonce of distinct bytes). */
#include <lib/chacha20.h>
#include "htest.h"

static void words_le(const u8 *bytes, u32 *words, int n)
{
	for (int i = 0; i < n; i++)
		words[i] = bytes[4 * i] | bytes[4 * i + 1] << 8 | bytes[4 * i + 2] << 16 |
			   (u32)bytes[4 * i + 3] << 24;
}

static void check_block(const u8 key_bytes[32], u32 counter, const u8 nonce_bytes[12],
			const char *want_hex)
{
	u32 key[8], nonce[3];
	u8 out[64];
	char got_hex[129];

	words_le(key_bytes, key, 8);
	words_le(nonce_bytes, nonce, 3);
	chacha20_block(key, counter, nonce, out);
	for (int i = 0; i < 64; i++)
		snprintf(got_hex + 2 * i, 3, "%02x", out[i]);
	HEXPECT_STREQ(got_hex, want_hex);
}

HTEST(chacha20_rfc8439_block)
{
	u8 key[32], nonce[12] = { 0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0 };

	for (int i = 0; i < 32; i++)
		key[i] = (u8)i;
	check_block(key, 1, nonce, "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
				   "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
}

HTEST(chacha20_other_key_counter_nonce)
{
	u8 key[32], nonce[12];

	for (int i = 0; i < 32; i++)
		key[i] = (u8)(100 + i);
	for (int i = 0; i < 12; i++)
		nonce[i] = (u8)(200 + i);
	check_block(key, 0xfffffffe, nonce, "10bafe3d8bb528a8ca2eda0f52210a6c2b3809ff13921d81c6a746017b5bc40f"
					    "c5f809d1c77075c070b5c734b5f9a1b49af9535b0836131d82f7c888cb3a199e");
}
