/* EXPECT: exit 0 */
/*
 * CPU exceptions other than page faults become the signals Linux sends, with Linux's
 * si_code and si_addr, and with no handler they kill with that signal:
 *
 *                         x86_64                              riscv64
 *   illegal instruction   ud2: SIGILL ILL_ILLOPN, addr = pc   unimp: SIGILL ILL_ILLOPC, addr = pc
 *   privileged insn       hlt: #GP: SIGSEGV SI_KERNEL, addr 0 csrr sstatus: SIGILL ILL_ILLOPC
 *   breakpoint            int3: SIGTRAP SI_KERNEL, addr 0,    ebreak: SIGTRAP TRAP_BRKPT,
 *                         saved pc = the byte after the int3  addr = pc = the ebreak
 *   divide by zero        div: SIGFPE FPE_INTDIV, addr = pc   no trap: x / 0 = -1 and
 *   LONG_MIN / -1         idiv: SIGFPE FPE_INTDIV (#DE too)   x % 0 = x; LONG_MIN / -1 =
 *                                                             LONG_MIN, remainder 0 (the
 *                                                             RISC-V spec, "M" extension)
 *
 * On x86_64 the frame's sigcontext also says which exception it was (trapno) and its
 * error code, compared with Linux's. Each case runs in a child, with a handler that
 * prints one line and exits, then again without a handler.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* Each do_* executes one instruction that traps, at the label *_insn; see the table. */
void do_ill(void), do_priv(void), do_brk(void), do_div(void), do_div_overflow(void);
extern const char ill_insn[], priv_insn[], brk_insn[], div_insn[], idiv_insn[];

#if defined(__x86_64__)
__asm__(".text\n"
	"do_ill:\n"
	"ill_insn:	ud2\n"			/* #UD, vector 6 */
	"	ret\n"
	"do_priv:\n"
	"priv_insn:	hlt\n"			/* privileged at CPL 3: #GP(0), vector 13 */
	"	ret\n"
	"do_brk:\n"
	"brk_insn:	int3\n"			/* #BP, vector 3: a trap, rip is past it */
	"	ret\n"
	"do_div:\n"
	"	movl	$7, %eax\n"
	"	xorl	%edx, %edx\n"
	"	xorl	%ecx, %ecx\n"
	"div_insn:	divq	%rcx\n"		/* 7 / 0: #DE, vector 0 */
	"	ret\n"
	"do_div_overflow:\n"
	"	movabsq	$0x8000000000000000, %rax\n"
	"	cqto\n"
	"	movq	$-1, %rcx\n"
	"idiv_insn:	idivq	%rcx\n"		/* the quotient 2^63 does not fit: #DE too */
	"	ret\n"
	".globl ill_insn, priv_insn, brk_insn, div_insn, idiv_insn\n"
	".globl do_ill, do_priv, do_brk, do_div, do_div_overflow\n");
#else
__asm__(".text\n"
	".option push\n"
	".option norvc\n"			/* 4-byte forms, not c.unimp / c.ebreak */
	"do_ill:\n"
	"ill_insn:	unimp\n"		/* csrrw x0, cycle, x0: cycle is read-only */
	"	ret\n"
	"do_priv:\n"
	"priv_insn:	csrr a0, sstatus\n"	/* an S-mode CSR, read in U-mode */
	"	ret\n"
	"do_brk:\n"
	"brk_insn:	ebreak\n"
	"	ret\n"
	".option pop\n"
	".globl ill_insn, priv_insn, brk_insn, do_ill, do_priv, do_brk\n");
#endif

struct trap_case {
	const char *name;
	void (*fn)(void);
	int sig, code;
	const void *addr;   /* the expected si_addr */
	const void *pc;     /* the expected saved pc */
	long x86_trapno;    /* x86_64 sigcontext.trapno (err is 0 for all of these) */
};

static const struct trap_case cases[] = {
#if defined(__x86_64__)
	{ "illegal", do_ill, SIGILL, ILL_ILLOPN, ill_insn, ill_insn, 6 },
	{ "privileged", do_priv, SIGSEGV, SI_KERNEL, NULL, priv_insn, 13 },
	{ "breakpoint", do_brk, SIGTRAP, SI_KERNEL, NULL, brk_insn + 1, 3 },
	{ "divide_by_zero", do_div, SIGFPE, FPE_INTDIV, div_insn, div_insn, 0 },
	{ "divide_overflow", do_div_overflow, SIGFPE, FPE_INTDIV, idiv_insn, idiv_insn, 0 },
#else
	{ "illegal", do_ill, SIGILL, ILL_ILLOPC, ill_insn, ill_insn, 0 },
	{ "privileged", do_priv, SIGILL, ILL_ILLOPC, priv_insn, priv_insn, 0 },
	{ "breakpoint", do_brk, SIGTRAP, TRAP_BRKPT, brk_insn, brk_insn, 0 },
#endif
};

static const struct trap_case *current_case;

static const char *describe(const void *addr)
{
	static char buf[2][40];
	static int next;
	static const struct {
		const void *addr;
		const char *name;
	} known[] = {
		{ NULL, "0" }, { ill_insn, "ill_insn" }, { priv_insn, "priv_insn" },
		{ brk_insn, "brk_insn" }, { brk_insn + 1, "brk_insn+1" },
#if defined(__x86_64__)
		{ div_insn, "div_insn" }, { idiv_insn, "idiv_insn" },
#endif
	};

	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (addr == known[i].addr)
			return known[i].name;
	snprintf(buf[next % 2], sizeof(buf[0]), "%p", addr);
	return buf[next++ % 2];
}

static void on_trap(int sig, siginfo_t *si, void *uc)
{
	const struct trap_case *c = current_case;
	const void *pc = (const void *)uc_pc(uc);
	char extra[48] = "";

#if defined(__x86_64__)
	const struct sigcontext *sc = &((ucontext_t *)uc)->uc_mcontext;

	snprintf(extra, sizeof(extra), " trapno=%lu err=%#lx", sc->trapno, sc->err);
#endif
	printf("%s: %s code=%s addr=%s pc=%s%s\n", c->name, signal_name(sig),
	       si_code_name(sig, si->si_code), describe(si->si_addr), describe(pc), extra);
	CHECK_EQ(sig, c->sig);
	CHECK_EQ(si->si_signo, c->sig);
	CHECK_EQ(si->si_errno, 0);
	CHECK_EQ(si->si_code, c->code);
	CHECK(si->si_addr == c->addr, "si_addr %p, expected %p", si->si_addr, c->addr);
	CHECK(pc == c->pc, "saved pc %p, expected %p", pc, c->pc);
#if defined(__x86_64__)
	CHECK_EQ(sc->trapno, c->x86_trapno);
	CHECK_EQ(sc->err, 0);
#endif
	_exit(0);
}

static int with_handler(void *arg)
{
	struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };

	current_case = arg;
	for (int sig = 1; sig < 32; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			CHECK_EQ(sigaction(sig, &sa, NULL), 0);
	current_case->fn();
	printf("%s: no trap\n", current_case->name);
	return 2;
}

static int without_handler(void *arg)
{
	((const struct trap_case *)arg)->fn();
	return 2;
}

/* riscv64 has no divide exception: the results are defined instead. */
static void riscv_division(void)
{
#if defined(__riscv)
	long seven = 7, zero = 0, min = (long)(1UL << 63), minus_one = -1;
	long q, r, q_min, r_min;
	unsigned long qu;

	__asm__ volatile("div %0, %1, %2" : "=r"(q) : "r"(seven), "r"(zero));
	__asm__ volatile("rem %0, %1, %2" : "=r"(r) : "r"(seven), "r"(zero));
	__asm__ volatile("divu %0, %1, %2" : "=r"(qu) : "r"(seven), "r"(zero));
	__asm__ volatile("div %0, %1, %2" : "=r"(q_min) : "r"(min), "r"(minus_one));
	__asm__ volatile("rem %0, %1, %2" : "=r"(r_min) : "r"(min), "r"(minus_one));
	printf("divide_by_zero: no trap on riscv64: 7/0=%ld 7%%0=%ld 7u/0=%#lx\n", q, r, qu);
	printf("divide_overflow: no trap on riscv64: LONG_MIN/-1=%#lx rem %ld\n", q_min, r_min);
	CHECK_EQ(q, -1);
	CHECK_EQ(r, 7);
	CHECK_EQ(qu, ~0UL);
	CHECK_EQ(q_min, min);
	CHECK_EQ(r_min, 0);
#endif
}

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct trap_case *c = &cases[i];
		int status = run_in_child(with_handler, (void *)c);

		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: child %s (1: a check "
		      "failed in the handler, 2: no trap)", c->name, status_str(status));
		status = run_in_child(without_handler, (void *)c);
		printf("%s: no handler: %s\n", c->name, status_str(status));
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == c->sig, "%s without a handler: %s",
		      c->name, status_str(status));
	}
	riscv_division();
	return 0;
}
