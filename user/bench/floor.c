/*
 * The floor under an anonymous fault: clearing 4 KiB, measured in user space, with the
 * arch's best simple way of doing it (what clear_page() can use in the kernel):
 *   x86_64   one `rep stosq` of 512 quadwords (Intel SDM Vol. 2B, "REP/REPE/REPZ...",
 *            and "STOS/STOSB/STOSW/STOSD/STOSQ");
 *   riscv64  a loop of `sd` stores, eight a turn (64 bytes).
 * The same instructions run on both kernels, so the row is a check of the instrument:
 * it should read the same on Faultline and on Linux. Under QEMU 7.2 a `rep stosq` of n
 * quadwords counts as about n instructions, not one (docs/performance.md).
 */
#include "bench.h"

static unsigned long page_buf[PAGE / sizeof(unsigned long)] __attribute__((aligned(4096)));

static void clear_4k(void *p)
{
#if defined(__x86_64__)
	unsigned long count = PAGE / 8;

	__asm__ __volatile__("rep stosq" : "+D"(p), "+c"(count) : "a"(0UL) : "memory");
#elif defined(__riscv)
	for (unsigned long *w = p; w < (unsigned long *)p + PAGE / 8; w += 8) {
		w[0] = 0;
		w[1] = 0;
		w[2] = 0;
		w[3] = 0;
		w[4] = 0;
		w[5] = 0;
		w[6] = 0;
		w[7] = 0;
	}
	__asm__ __volatile__("" : : : "memory");
#endif
}

static struct bench_rep clears(unsigned long n)
{
	struct bench_rep rep = { .ops = n };
	bench_ns_t t0 = bench_now();

	for (unsigned long i = 0; i < n; i++)
		clear_4k(page_buf);
	rep.ns = bench_now() - t0 - bench_clock_cost();
	return rep;
}

void bench_floor(void)
{
	struct bench_rep reps[16];

	if (bench_wanted("clear_4k")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = clears(scale.n);
		bench_row("clear_4k", reps, scale.reps,
			  "clear 4 KiB in user space (rep stosq / sd loop)");
	}
}
