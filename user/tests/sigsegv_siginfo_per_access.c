/* EXPECT: exit 0 */
/*
 * A SIGSEGV handler learns what Linux tells it about each kind of bad access:
 *
 *   read / write / jump to NULL           SEGV_MAPERR, si_addr 0
 *   write to rodata, write to text        SEGV_ACCERR, si_addr the byte written
 *   jump into data (RW, not executable)   SEGV_ACCERR, si_addr = pc = the target
 *   read of a kernel address              SEGV_MAPERR, si_addr the address
 *   read of a non-canonical address       x86_64 only: a #GP, not a #PF: SI_KERNEL,
 *                                         si_addr 0
 *
 * and the saved pc is the faulting instruction. On x86_64 the frame's sigcontext also
 * carries the exception (trapno: 14 #PF, 13 #GP), its error code (the #PF bits P W U
 * R I, as Linux sanitises them) and cr2, all compared with Linux's.
 *
 * Each case runs in a child whose handler prints one line and exits; the parent checks
 * that the child exited 0 (a check that failed in the handler exits 1).
 */
#include <check.h>
#include <memlayout.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The instructions that fault: global labels placed by the asm below. */
extern const char load_insn[], store_insn[];

#define NOINLINE __attribute__((noinline, noclone))

static NOINLINE long load(const volatile long *p)
{
	long v;

#if defined(__x86_64__)
	__asm__ volatile(".globl load_insn\nload_insn:\n\tmovq (%1), %0"
			 : "=r"(v) : "r"(p) : "memory");
#else
	__asm__ volatile(".globl load_insn\nload_insn:\n\tld %0, 0(%1)"
			 : "=r"(v) : "r"(p) : "memory");
#endif
	return v;
}

static NOINLINE void store(volatile long *p)
{
#if defined(__x86_64__)
	__asm__ volatile(".globl store_insn\nstore_insn:\n\tmovq $1, (%0)" : : "r"(p) : "memory");
#else
	__asm__ volatile(".globl store_insn\nstore_insn:\n\tsd zero, 0(%0)" : : "r"(p) : "memory");
#endif
}

static NOINLINE void jump(const void *p)
{
	((void (*)(void))p)();
}

static const long rodata_word = 42;
static unsigned char data_code[64] __aligned(16); /* .bss: RW-, never executable */

#define NON_CANONICAL 0x8000000000000000UL

struct fault_case {
	const char *name;
	void (*fn)(const struct fault_case *c);
	const void *target;  /* what fn touches */
	int code;            /* the expected si_code */
	const void *addr;    /* the expected si_addr */
	const void *pc;      /* the expected saved pc */
	long x86_trapno;     /* x86_64 sigcontext.trapno */
	long x86_err;        /* x86_64 sigcontext.err */
};

static void do_load(const struct fault_case *c)
{
	load(c->target);
}

static void do_store(const struct fault_case *c)
{
	store((long *)c->target);
}

static void do_jump(const struct fault_case *c)
{
	jump(c->target);
}

/* The #PF error code bits (Intel SDM vol. 3, 4.7). */
#define PF_P 0x1  /* the page was present: a protection fault */
#define PF_W 0x2  /* a write */
#define PF_U 0x4  /* from user mode */
#define PF_I 0x10 /* an instruction fetch */

static const struct fault_case cases[] = {
	{ "null_read", do_load, NULL, SEGV_MAPERR, NULL, load_insn, 14, PF_U },
	{ "null_write", do_store, NULL, SEGV_MAPERR, NULL, store_insn, 14, PF_U | PF_W },
	{ "null_jump", do_jump, NULL, SEGV_MAPERR, NULL, NULL, 14, PF_U | PF_I },
	{ "rodata_write", do_store, &rodata_word, SEGV_ACCERR, &rodata_word, store_insn, 14,
	  PF_P | PF_U | PF_W },
	{ "text_write", do_store, load_insn, SEGV_ACCERR, load_insn, store_insn, 14,
	  PF_P | PF_U | PF_W },
	{ "data_jump", do_jump, data_code, SEGV_ACCERR, data_code, data_code, 14,
	  PF_P | PF_U | PF_I },
	/* Linux sets P for any user fault on a kernel address (sanitize_error_code()), so
	 * that user space cannot learn what is mapped there. */
	{ "kernel_read", do_load, (void *)KERNEL_IMAGE, SEGV_MAPERR, (void *)KERNEL_IMAGE,
	  load_insn, 14, PF_P | PF_U },
#if defined(__x86_64__)
	/* Not a #PF but a #GP (Intel SDM vol. 3, 6.15): the CPU reports no address. (On
	 * riscv64 it is an ordinary page fault, but what stval holds for an address that is
	 * not canonical is up to the implementation: not a case to compare.) */
	{ "noncanonical_read", do_load, (void *)NON_CANONICAL, SI_KERNEL, NULL, load_insn, 13, 0 },
#endif
};

static const struct fault_case *current_case;

/* addr as a name both kernels agree on, for the output Linux's is compared with. */
static const char *describe(const void *addr)
{
	static char buf[4][40];
	static int next;
	static const struct {
		const void *addr;
		const char *name;
	} known[] = {
		{ NULL, "0" },
		{ load_insn, "load_insn" },
		{ store_insn, "store_insn" },
		{ &rodata_word, "rodata_word" },
		{ data_code, "data_code" },
		{ (void *)KERNEL_IMAGE, "KERNEL_IMAGE" },
		{ (void *)NON_CANONICAL, "NON_CANONICAL" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (addr == known[i].addr)
			return known[i].name;
	snprintf(buf[next % 4], sizeof(buf[0]), "%p", addr);
	return buf[next++ % 4];
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	const struct fault_case *c = current_case;
	const void *pc = (const void *)uc_pc(uc);
	char extra[80] = "";

#if defined(__x86_64__)
	const struct sigcontext *sc = &((ucontext_t *)uc)->uc_mcontext;

	/* cr2 only means something for a #PF (Linux leaves it stale for a #GP). */
	snprintf(extra, sizeof(extra), " trapno=%lu err=%#lx%s%s", sc->trapno, sc->err,
		 sc->trapno == 14 ? " cr2=" : "",
		 sc->trapno == 14 ? describe((void *)sc->cr2) : "");
#endif
	printf("%s: %s code=%s addr=%s pc=%s%s\n", c->name, signal_name(sig),
	       si_code_name(sig, si->si_code), describe(si->si_addr), describe(pc), extra);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(si->si_signo, SIGSEGV);
	CHECK_EQ(si->si_errno, 0);
	CHECK_EQ(si->si_code, c->code);
	CHECK(si->si_addr == c->addr, "si_addr %p, expected %p", si->si_addr, c->addr);
	CHECK(pc == c->pc, "saved pc %p, expected %p", pc, c->pc);
#if defined(__x86_64__)
	CHECK_EQ(sc->trapno, c->x86_trapno);
	CHECK_EQ(sc->err, c->x86_err);
	if (sc->trapno == 14)
		CHECK_EQ(sc->cr2, (unsigned long)c->addr);
#endif
	_exit(0);
}

static int run_case(void *arg)
{
	const struct fault_case *c = arg;
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

	current_case = c;
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	c->fn(c);
	printf("%s: no fault\n", c->name);
	return 2;
}

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int status = run_in_child(run_case, (void *)&cases[i]);

		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: child %s (1: a check "
		      "failed in the handler, 2: no fault)", cases[i].name, status_str(status));
	}
	return 0;
}
