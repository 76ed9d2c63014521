/* EXPECT: exit 0 */
/*
 * Which hardware counters user mode may read, as on Linux:
 *
 *   riscv64   rdtime works (the vDSO's clock reads it); rdcycle and rdinstret raise
 *             SIGILL ILL_ILLOPC at the instruction, since Linux 6.6 leaves them to perf
 *             (scounteren.CY and .IR clear unless /proc/sys/kernel/perf_user_access says
 *             otherwise), so a program cannot time another's work to the cycle.
 *   x86_64    rdtsc works (CR4.TSD clear); rdpmc raises #GP, SIGSEGV SI_KERNEL (CR4.PCE
 *             clear: no perf event mapped).
 *
 * qemu-riscv64 (difftest's Linux for riscv64) emulates user mode alone and lets rdcycle
 * through; that case is noted, not failed.
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

unsigned long read_time(void), read_cycle(void), read_instret(void), read_pmc(void);
extern const char cycle_insn[], instret_insn[], pmc_insn[];

#if defined(__riscv)
__asm__(".text\n"
	"read_time:	rdtime a0\n"
	"	ret\n"
	"read_cycle:\n"
	"cycle_insn:	rdcycle a0\n"
	"	ret\n"
	"read_instret:\n"
	"instret_insn:	rdinstret a0\n"
	"	ret\n"
	".globl read_time, read_cycle, read_instret, cycle_insn, instret_insn\n");
#else
__asm__(".text\n"
	"read_time:	rdtsc\n"
	"	shlq	$32, %rdx\n"
	"	orq	%rdx, %rax\n"
	"	ret\n"
	"read_pmc:	xorl	%ecx, %ecx\n"
	"pmc_insn:	rdpmc\n"
	"	ret\n"
	".globl read_time, read_pmc, pmc_insn\n");
#endif

static sigjmp_buf env;
static siginfo_t info;
static int caught;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	caught = sig;
	info = *si;
	siglongjmp(env, 1);
}

/* Run fn; return 0 if it completed, or the signal that stopped it (info holds siginfo). */
static int try_read(unsigned long (*fn)(void))
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };

	caught = 0;
	CHECK_EQ(sigaction(SIGILL, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	if (!sigsetjmp(env, 1))
		fn();
	signal(SIGILL, SIG_DFL);
	signal(SIGSEGV, SIG_DFL);
	return caught;
}

static void expect_trap(const char *name, unsigned long (*fn)(void), int sig, int code,
			const void *addr)
{
	int got = try_read(fn);

	if (!got && under_qemu_user()) {
		note("%s: readable under qemu-user, which has no scounteren (qemu-user)", name);
		printf("%s: %s\n", name, signal_name(sig));
		return;
	}
	printf("%s: %s\n", name, got ? signal_name(got) : "readable");
	CHECK(got == sig, "%s: expected %s, got %s", name, signal_name(sig),
	      got ? signal_name(got) : "no signal");
	CHECK_EQ(info.si_code, code);
	CHECK(info.si_addr == addr, "%s: si_addr %p, expected %p", name, info.si_addr, addr);
}

int main(void)
{
	unsigned long t0, t1;

	CHECK_EQ(try_read(read_time), 0);
	t0 = read_time();
	for (volatile int i = 0; i < 100000; i++)
		;
	t1 = read_time();
	CHECK(t1 > t0, "the time counter does not advance: %lu then %lu", t0, t1);
	printf("time: readable, advancing\n");
#if defined(__riscv)
	expect_trap("cycle", read_cycle, SIGILL, ILL_ILLOPC, cycle_insn);
	expect_trap("instret", read_instret, SIGILL, ILL_ILLOPC, instret_insn);
#else
	expect_trap("pmc", read_pmc, SIGSEGV, SI_KERNEL, NULL);
#endif
	return 0;
}
