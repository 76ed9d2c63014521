/* EXPECT: exit 0 */
/*
 * Page 0 is never mapped, so a NULL pointer is caught by the MMU: a read or a write
 * through NULL, or through a small offset from it (a field of a struct at NULL), is
 * SIGSEGV with si_code SEGV_MAPERR (no mapping there) and si_addr the very byte that
 * was accessed, not the page. Without a handler the same write kills the program.
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

static sigjmp_buf fault_env;
static siginfo_t fault_info; /* what the last fault's handler was given */

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_info = *si;
	siglongjmp(fault_env, 1);
}

/* Read (or write) the byte at addr. Returns the signal that stopped it, or 0. */
static int try_access(unsigned long addr, bool write)
{
	if (sigsetjmp(fault_env, 1))
		return fault_info.si_signo;
	if (write)
		*(volatile char *)addr = 1;
	else
		(void)*(volatile char *)addr;
	return 0;
}

static void expect_maperr(unsigned long addr, bool write)
{
	int sig = try_access(addr, write);

	printf("%s NULL+%#lx: %s %s si_addr=NULL+%#lx\n", write ? "write" : "read", addr,
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, fault_info.si_code) : "",
	       sig ? (unsigned long)fault_info.si_addr : 0);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(fault_info.si_code, SEGV_MAPERR);
	CHECK_EQ(fault_info.si_errno, 0);
	CHECK_EQ((unsigned long)fault_info.si_addr, addr);
}

/* In a child, with SIGSEGV back at its default action (fork kept our handler). */
static int write_null(void *arg)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	(void)arg;
	CHECK_EQ(sigaction(SIGSEGV, &dfl, NULL), 0);
	*(volatile int *)NULL = 1;
	return 0;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	int status;

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	expect_maperr(0, false);
	expect_maperr(0, true);
	expect_maperr(0x10, false);  /* a field at offset 16 of a struct at NULL */
	expect_maperr(0x10, true);
	expect_maperr(0xfff, false); /* the last byte of page 0 */
	expect_maperr(0xfff, true);

	status = run_in_child(write_null, NULL);
	printf("write NULL without a handler: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s", status_str(status));
	return 0;
}
