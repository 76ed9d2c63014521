/* Bit helpers, written out: GCC's builtins become libgcc calls on riscv64 without Zbb. */
#ifndef LIB_BITOPS_H
#define LIB_BITOPS_H

/* The index of the lowest set bit of x (x must not be 0). */
static inline int lowest_bit(unsigned long x)
{
	int n = 0;

	while (!(x & 1)) {
		x >>= 1;
		n++;
	}
	return n;
}

#endif
