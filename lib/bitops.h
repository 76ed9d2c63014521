/* Bit helpers, written out: GCC's builtins become libgcc calls on riscv64 without Zbb. */
#ifndef LIB_BITOPS_H
#define LIB_BITOPS_H

/*
 * The index of the lowest set bit of x (x must not be 0): halve the window where it can
 * be six times (32, 16, 8, 4, 2, 1 bits), so every bit costs the same few steps.
 */
static inline int lowest_bit(unsigned long x)
{
	int n = 0;

	if (!(x & 0xffffffffUL)) {
		x >>= 32;
		n += 32;
	}
	if (!(x & 0xffff)) {
		x >>= 16;
		n += 16;
	}
	if (!(x & 0xff)) {
		x >>= 8;
		n += 8;
	}
	if (!(x & 0xf)) {
		x >>= 4;
		n += 4;
	}
	if (!(x & 0x3)) {
		x >>= 2;
		n += 2;
	}
	if (!(x & 0x1))
		n += 1;
	return n;
}

#endif
