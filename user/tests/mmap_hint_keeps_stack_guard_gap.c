/* EXPECT: exit 0 */
/*
 * mmap() without MAP_FIXED takes a free hint, but not one inside the stack's guard gap
 * (the 1 MiB below the stack that growth needs, Linux's vm_start_gap()). With the
 * stack's lowest page found (mincore() downwards from the stack pointer) at LOW:
 *
 *   hint LOW - 512 KiB             inside the gap: the mapping goes elsewhere, and not
 *                                  into the gap
 *   hint LOW - 1 MiB - 4 KiB       one page ending right at the gap: taken
 *   hint LOW - 2 MiB               below the gap: taken
 *   store at LOW - 4 KiB           the stack cannot grow now (the page just below the
 *                                  gap is mapped): SIGSEGV SEGV_MAPERR at the address
 *
 * This depends on a stack that grows on faults, which Linux under qemu-user does not
 * have (its guest stack is one fixed mapping): there the lines are notes, not checks.
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define KIB  1024UL
#define MIB  (1UL << 20)

static sigjmp_buf fault_env;
static siginfo_t fault_info;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_info = *si;
	siglongjmp(fault_env, 1);
}

static __attribute__((noinline)) unsigned long stack_low(void)
{
	volatile char here = 0;
	unsigned long low = (unsigned long)&here & ~(PAGE - 1);
	unsigned char vec;

	while (mincore((void *)(low - PAGE), PAGE, &vec) == 0)
		low -= PAGE;
	return low;
}

static unsigned long map_at_hint(unsigned long hint)
{
	void *p = mmap((void *)hint, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap(hint %#lx): %s", hint, strerror(errno));
	return (unsigned long)p;
}

/* The cases, in a child: 0, or 10 + which of them went wrong. */
static int hints(void *arg)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	unsigned long low = stack_low(), got;

	(void)arg;
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	got = map_at_hint(low - 512 * KIB);
	if (got == low - 512 * KIB || (got + PAGE > low - MIB && got < low))
		return 11; /* in the guard gap */
	if (map_at_hint(low - MIB - PAGE) != low - MIB - PAGE)
		return 12;
	if (map_at_hint(low - 2 * MIB) != low - 2 * MIB)
		return 13;
	if (!sigsetjmp(fault_env, 1)) {
		*(volatile char *)(low - PAGE) = 1;
		return 14; /* the stack grew into the gap */
	}
	if (fault_info.si_code != SEGV_MAPERR || (unsigned long)fault_info.si_addr != low - PAGE)
		return 15;
	return 0;
}

int main(void)
{
	int status = run_in_child(hints, NULL);

	printf("mmap hints around the stack's guard gap\n");
	if (under_qemu_user()) {
		note("qemu-user: no growing stack; the child ended with %s", status_str(status));
		return 0;
	}
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "%s (11: a hint in the gap was taken, 12: one at its edge was not, 13: one below it "
	      "was not, 14/15: the stack grew, or not with SEGV_MAPERR)",
	      status_str(status));
	return 0;
}
