/* EXPECT: exit 0 */
/*
 * x86_64: what rt_sigreturn does with the cs and ss a handler leaves in its frame, as
 * Linux's restore_sigcontext() does it. The frame of a signal that interrupted 64-bit
 * code has uc_flags UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS. Then, in a child each:
 *
 *   ss_zero_lenient   ss = 0 and the handler clears UC_STRICT_RESTORE_SS (as old
 *                     programs that knew nothing of ss do): the kernel repairs ss to the
 *                     user data segment (0x2b) and the program carries on
 *   ss_zero_strict    ss = 0 with UC_STRICT_RESTORE_SS kept: ss is restored as it is,
 *                     and a null ss cannot be returned to: SIGSEGV
 *   rpl0_selectors    cs = 0x30 and ss = 0x28, the user segments with RPL 0: the kernel
 *                     forces RPL 3 onto both, and the program carries on with 0x33/0x2b
 *   data_as_cs        cs = 0x2b, a data segment: SIGSEGV
 *
 * riscv64 has no segments: there the test is a trivial pass.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)

static unsigned long uc_flags_seen;
static int which;

enum { SS_ZERO_LENIENT, SS_ZERO_STRICT, RPL0_SELECTORS, DATA_AS_CS };

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	uc_flags_seen = uc->uc_flags;
	switch (which) {
	case SS_ZERO_LENIENT:
		uc->uc_mcontext.ss = 0;
		uc->uc_flags &= ~UC_STRICT_RESTORE_SS;
		break;
	case SS_ZERO_STRICT:
		uc->uc_mcontext.ss = 0;
		break;
	case RPL0_SELECTORS:
		uc->uc_mcontext.cs = 0x30;
		uc->uc_mcontext.ss = 0x28;
		break;
	case DATA_AS_CS:
		uc->uc_mcontext.cs = 0x2b;
		break;
	}
}

/* Raise SIGUSR1 with case `arg`; exit 0 if the program came back with cs 0x33, ss 0x2b. */
static int one_case(void *arg)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	unsigned short cs, ss;

	which = *(int *)arg;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	__asm__ volatile("movw %%cs, %0\n\tmovw %%ss, %1" : "=r"(cs), "=r"(ss));
	CHECK((uc_flags_seen & (UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS)) ==
	      (UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS), "uc_flags %#lx", uc_flags_seen);
	CHECK(cs == 0x33 && ss == 0x2b, "came back with cs %#x ss %#x", cs, ss);
	return 0;
}

static const struct {
	const char *name;
	int which;
	int sig; /* 0: must exit 0; else the signal that must kill it */
} cases[] = {
	{ "ss_zero_lenient", SS_ZERO_LENIENT, 0 },
	{ "ss_zero_strict", SS_ZERO_STRICT, SIGSEGV },
	{ "rpl0_selectors", RPL0_SELECTORS, 0 },
	{ "data_as_cs", DATA_AS_CS, SIGSEGV },
};

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int which_case = cases[i].which;
		int status = run_in_child(one_case, &which_case);

		printf("%s: %s\n", cases[i].name, status_str(status));
		if (cases[i].sig)
			CHECK(WIFSIGNALED(status) && WTERMSIG(status) == cases[i].sig, "%s: %s",
			      cases[i].name, status_str(status));
		else
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: %s", cases[i].name,
			      status_str(status));
	}
	return 0;
}
#else
int main(void)
{
	printf("x86_64 only\n");
	return 0;
}
#endif
