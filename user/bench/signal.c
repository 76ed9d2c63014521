/*
 * The cost of entering the kernel: a SIGSEGV delivered to a handler and the
 * rt_sigreturn back, and the cheapest system call, getpid.
 *
 * The faulting load has a label before and after it; the handler moves the saved pc
 * from the first to the second, so the program goes on after the load without the
 * handler touching the mapping (one trap, one signal frame, one rt_sigreturn).
 */
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench.h"

#if defined(__x86_64__)
#define LOAD_BYTE "movb (%1), %0"
#define UC_PC(uc) ((uc)->uc_mcontext.rip)
#elif defined(__riscv)
#define LOAD_BYTE "lb %0, 0(%1)"
#define UC_PC(uc) ((uc)->uc_mcontext.sc_regs.pc)
#endif

extern const char segv_load[], segv_resume[];
static unsigned long nr_segv;

// Load one byte from p, which must fault: the handler resumes after the load.
__attribute__((noinline)) static void faulting_load(const volatile char *p)
{
	char v;

	__asm__ __volatile__(".globl segv_load\n"
			     "segv_load: " LOAD_BYTE "\n"
			     ".globl segv_resume\n"
			     "segv_resume:"
			     : "=r"(v)
			     : "r"(p)
			     : "memory");
	(void)v;
}

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	if (UC_PC(uc) != (unsigned long)segv_load)
		_exit(3); /* a fault we did not mean: stop rather than loop */
	UC_PC(uc) = (unsigned long)segv_resume;
	nr_segv++;
}

static struct bench_rep segv_round_trips(const char *page, unsigned long n)
{
	struct bench_rep rep = { .ops = n };
	bench_ns_t t0 = bench_now();

	for (unsigned long i = 0; i < n; i++)
		faulting_load(page);
	rep.ns = bench_now() - t0 - bench_clock_cost();
	return rep;
}

static struct bench_rep getpids(unsigned long n)
{
	struct bench_rep rep = { .ops = n };
	bench_ns_t t0 = bench_now();

	for (unsigned long i = 0; i < n; i++)
		getpid();
	rep.ns = bench_now() - t0 - bench_clock_cost();
	return rep;
}

static void segv_row(void)
{
	struct sigaction sa = { 0 };
	struct bench_rep reps[16];
	char *page = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED)
		bench_die("mmap");
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSEGV, &sa, NULL) < 0)
		bench_die("sigaction");
	for (unsigned long i = 0; i < scale.reps; i++)
		reps[i] = segv_round_trips(page, scale.n);
	if (nr_segv != scale.reps * scale.n)
		bench_skip("segv", "the handler did not run once per load");
	else
		bench_row("segv", reps, scale.reps, "SIGSEGV, handler, rt_sigreturn");
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	sigaction(SIGSEGV, &sa, NULL);
	munmap(page, PAGE);
}

void bench_signal(void)
{
	struct bench_rep reps[16];

	if (bench_wanted("segv"))
		segv_row();
	if (bench_wanted("getpid")) {
		for (unsigned long i = 0; i < scale.reps; i++)
			reps[i] = getpids(scale.n);
		bench_row("getpid", reps, scale.reps, "getpid");
	}
}
