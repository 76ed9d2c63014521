/* EXPECT: exit 0 */
/*
 * A program that sets MXCSR.DAZ (as -ffast-math start-up code does) returns from signal
 * handlers like any other, and keeps its MXCSR (the kernel checks the FXSAVE image in the
 * frame against the CPU's own MXCSR_MASK, as Linux does). x86_64 only: riscv64 has no
 * MXCSR, and the test checks fcsr's rounding mode instead.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

#if defined(__x86_64__)
static unsigned get_fp_control(void)
{
	unsigned m;

	__asm__ __volatile__("stmxcsr %0" : "=m"(m));
	return m;
}

static void set_fp_control(unsigned m)
{
	__asm__ __volatile__("ldmxcsr %0" : : "m"(m));
}
#define FP_BITS 0x0040 /* DAZ */
#else
static unsigned get_fp_control(void)
{
	unsigned long v;

	__asm__ __volatile__("csrr %0, 0x003" : "=r"(v)); /* fcsr, by number: built without F */
	return (unsigned)v;
}

static void set_fp_control(unsigned v)
{
	__asm__ __volatile__("csrw 0x003, %0" : : "r"((unsigned long)v));
}
#define FP_BITS 0x60 /* frm = round up (3 << 5) */
#endif

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	unsigned before;

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	set_fp_control(get_fp_control() | FP_BITS);
	before = get_fp_control();
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(handled, 1);
	CHECK_EQ(get_fp_control(), before);
	printf("FP control bits set, a handler ran and returned: still set\n");
	return 0;
}
