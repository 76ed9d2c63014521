/* EXPECT: exit 0 */
/*
 * x86_64: every way into the kernel a 64-bit program has besides `syscall` and the
 * faults of ordinary instructions, and the signal Linux (without the 32-bit ABI) gives
 * for each. The IDT's gates decide `int n` (Intel SDM vol. 3A, 6.12.1.1):
 *
 *   int $3          the one breakpoint gate open to user mode: SIGTRAP SI_KERNEL,
 *                   trapno 3
 *   int $4          the overflow gate, open to user mode as on Linux: SIGSEGV
 *                   SI_KERNEL, trapno 4
 *   int $n, others  the gate's DPL is 0 or there is no gate (int $0x80, the 32-bit
 *                   system call, among them): #GP with error code n * 8 + 2, SIGSEGV
 *                   SI_KERNEL, trapno 13 (QEMU 7.2 reports n * 16 + 2, the gate's
 *                   byte offset in the 64-bit IDT, so that is accepted too)
 *   int1 (icebp)    #DB, which no DPL stops: SIGTRAP TRAP_BRKPT at the next instruction
 *                   on a real CPU; QEMU 7.2 does not implement int1 and raises #UD
 *                   (SIGILL ILL_ILLOPN at the int1), so either is accepted
 *   sysenter        no SYSENTER entry: Intel CPUs raise #GP (a null SYSENTER_CS),
 *                   SIGSEGV SI_KERNEL; AMD CPUs raise #UD in long mode, SIGILL
 *                   ILL_ILLOPN. Which one depends on the CPU, so only that it is one of
 *                   them is printed.
 *   into            not an instruction in 64-bit mode: SIGILL ILL_ILLOPN
 *
 * All 256 `int n` run in this process (the handler leaves by siglongjmp), the others
 * too; then the kernel must still answer. riscv64 has none of these instructions: there
 * the test is a trivial pass.
 *
 * The x86_64 Linux this test is compared with runs as a paravirtualised guest whose
 * hypervisor takes `int n` for the reserved vectors 23-27 for itself (they return, trap
 * or raise #UD there); on Linux those five are skipped, with a note.
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#if defined(__x86_64__)
/* int_stubs[n]: `int $n; ret`, each 4 bytes (the int is 2) at a 4-byte boundary. */
extern const char int_stubs[];
extern const char icebp_stub[], icebp_next[], sysenter_stub[], into_stub[];

__asm__(".text\n"
	".balign 4\n"
	".globl int_stubs\n"
	"int_stubs:\n"
	".altmacro\n"
	".set n, 0\n"
	".rept 256\n"
	"	.byte	0xcd, n\n"		/* int $n (as written, gas would make int $3 0xcc) */
	"	ret\n"
	"	nop\n"
	".set n, n + 1\n"
	".endr\n"
	".noaltmacro\n"
	".globl icebp_stub, icebp_next, sysenter_stub, into_stub\n"
	"icebp_stub:\n"
	"	.byte	0xf1\n"			/* int1 */
	"icebp_next:\n"
	"	ret\n"
	"sysenter_stub:\n"
	"	sysenter\n"
	"	ret\n"
	"into_stub:\n"
	"	.byte	0xce\n"			/* into: invalid in 64-bit mode */
	"	ret\n");

static sigjmp_buf env;
static siginfo_t got_info;
static unsigned long got_trapno, got_err, got_rip;

static void on_signal(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	got_info = *si;
	got_trapno = uc->uc_mcontext.trapno;
	got_err = uc->uc_mcontext.err;
	got_rip = uc->uc_mcontext.rip;
	siglongjmp(env, 1);
}

/* Call code; return the signal it raised (0 if none), its details in got_*. */
static int run(const void *code)
{
	got_info.si_signo = 0;
	if (sigsetjmp(env, 1) == 0)
		((void (*)(void))code)();
	return got_info.si_signo;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
	int sig;

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGTRAP, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGILL, &sa, NULL), 0);
	for (unsigned long n = 0; n < 256; n++) {
		const char *stub = int_stubs + 4 * n;

		if (n >= 23 && n <= 27 && !on_faultline()) {
			note("int $%lu: skipped (taken by the hypervisor under this Linux)", n);
			continue;
		}
		sig = run(stub);
		if (n == 3) {
			CHECK(sig == SIGTRAP && got_info.si_code == SI_KERNEL && got_trapno == 3 &&
			      got_rip == (unsigned long)stub + 2,
			      "int $3: signal %d code %d trapno %lu rip %#lx", sig, got_info.si_code,
			      got_trapno, got_rip);
			printf("int $3: SIGTRAP SI_KERNEL\n");
		} else if (n == 4) {
			CHECK(sig == SIGSEGV && got_info.si_code == SI_KERNEL && got_trapno == 4 &&
			      got_err == 0, "int $4: signal %d code %d trapno %lu err %#lx", sig,
			      got_info.si_code, got_trapno, got_err);
			printf("int $4: SIGSEGV SI_KERNEL, trapno 4\n");
		} else {
			CHECK(sig == SIGSEGV && got_info.si_code == SI_KERNEL &&
			      got_info.si_addr == NULL && got_trapno == 13 &&
			      (got_err == n * 8 + 2 || got_err == n * 16 + 2) &&
			      got_rip == (unsigned long)stub,
			      "int $%lu: signal %d code %d addr %p trapno %lu err %#lx rip %#lx", n,
			      sig, got_info.si_code, got_info.si_addr, got_trapno, got_err, got_rip);
		}
	}
	printf("int $n for every other vector: SIGSEGV SI_KERNEL, #GP(n * 8 + 2)\n");

	sig = run(icebp_stub);
	if (sig == SIGILL) /* QEMU's #UD */
		CHECK(got_info.si_code == ILL_ILLOPN && got_info.si_addr == (void *)icebp_stub,
		      "icebp: code %d addr %p", got_info.si_code, got_info.si_addr);
	else
		CHECK(sig == SIGTRAP && got_info.si_code == TRAP_BRKPT &&
		      got_info.si_addr == (void *)icebp_next && got_trapno == 1 &&
		      got_rip == (unsigned long)icebp_next,
		      "icebp: signal %d code %d addr %p trapno %lu rip %#lx", sig, got_info.si_code,
		      got_info.si_addr, got_trapno, got_rip);
	note("icebp: %s", sig == SIGILL ? "#UD, SIGILL" : "#DB, SIGTRAP TRAP_BRKPT");
	printf("icebp: refused (SIGTRAP TRAP_BRKPT, or SIGILL where int1 is not emulated)\n");

	sig = run(sysenter_stub);
	if (sig == SIGSEGV)
		CHECK(got_info.si_code == SI_KERNEL && got_trapno == 13, "sysenter: code %d trapno %lu",
		      got_info.si_code, got_trapno);
	else
		CHECK(sig == SIGILL && got_info.si_code == ILL_ILLOPN &&
		      got_info.si_addr == (void *)sysenter_stub,
		      "sysenter: signal %d code %d addr %p", sig, got_info.si_code, got_info.si_addr);
	note("sysenter: %s", sig == SIGSEGV ? "#GP, SIGSEGV" : "#UD, SIGILL");
	printf("sysenter: refused (SIGSEGV or SIGILL, by CPU vendor)\n");

	sig = run(into_stub);
	CHECK(sig == SIGILL && got_info.si_code == ILL_ILLOPN &&
	      got_info.si_addr == (void *)into_stub, "into: signal %d code %d addr %p", sig,
	      got_info.si_code, got_info.si_addr);
	printf("into: SIGILL ILL_ILLOPN\n");

	CHECK_EQ(getppid() > 0, 1); /* the kernel still answers */
	return 0;
}
#else
int main(void)
{
	printf("x86_64 only\n");
	return 0;
}
#endif
