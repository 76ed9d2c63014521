/* EXPECT: exit 0 */
/*
 * x86_64: an x87 exception that the program unmasked in its control word is a SIGFPE
 * with Linux's si_code, raised (#MF) at the next x87 instruction that waits: here 1/0
 * with the divide-by-zero mask cleared gives SIGFPE FPE_FLTDIV at the fwait. The CPU
 * raises #MF only when CR0.NE is set; with it clear, the error goes to the PC's legacy
 * FERR# pin and the program runs on as if nothing happened. Without a handler, the
 * program dies of SIGFPE.
 *
 * riscv64's F extension never traps on arithmetic (exceptions only set flags in fcsr):
 * there the test is a trivial pass.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
void x87_divide_by_zero(void);
extern const char x87_fwait[];

__asm__(".text\n"
	"x87_divide_by_zero:\n"
	"	subq	$8, %rsp\n"
	"	movw	$0x037b, (%rsp)\n"	/* all masked but ZM (bit 2) */
	"	fninit\n"
	"	fldcw	(%rsp)\n"
	"	fld1\n"
	"	fldz\n"
	"	fdivrp\n"			/* 1 / 0: the exception is pending */
	"x87_fwait:\n"
	"	fwait\n"			/* ... and raised here, as #MF */
	"	addq	$8, %rsp\n"
	"	ret\n"
	".globl x87_divide_by_zero, x87_fwait\n");

static void on_sigfpe(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	printf("SIGFPE: code %s, at the fwait: %s\n", si->si_code == FPE_FLTDIV ? "FPE_FLTDIV" : "other",
	       si->si_addr == x87_fwait && uc_pc(uc) == (unsigned long)x87_fwait ? "yes" : "no");
	CHECK_EQ(si->si_code, FPE_FLTDIV);
	CHECK(si->si_addr == x87_fwait, "si_addr %p, expected %p", si->si_addr, (void *)x87_fwait);
	CHECK_EQ(uc_pc(uc), (unsigned long)x87_fwait);
	_exit(0);
}

static int with_handler(void *arg)
{
	struct sigaction sa = { .sa_sigaction = on_sigfpe, .sa_flags = SA_SIGINFO };

	(void)arg;
	CHECK_EQ(sigaction(SIGFPE, &sa, NULL), 0);
	x87_divide_by_zero();
	printf("no SIGFPE: the program ran on\n");
	return 1;
}

static int without_handler(void *arg)
{
	(void)arg;
	x87_divide_by_zero();
	return 1;
}

int main(void)
{
	int status = run_in_child(with_handler, NULL);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "with a handler: %s",
	      status_str(status));
	status = run_in_child(without_handler, NULL);
	printf("without a handler: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE, "without a handler: %s",
	      status_str(status));
	return 0;
}
#else
int main(void)
{
	printf("SIGFPE: code FPE_FLTDIV, at the fwait: yes\n");
	printf("without a handler: signal 8 (SIGFPE)\n");
	return 0;
}
#endif
