/* EXPECT: exit 0 */
/*
 * Page 0 is never mapped, so a NULL pointer is caught by the MMU: a read or a write
 * through NULL, or through a small offset from it (a field of a struct at NULL), is
 * SIGSEGV with si_code SEGV_MAPERR (no mapping there) and si_addr the very byte that
 * was accessed, not the page. Without a handler the same write kills the program.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

static void expect_maperr(unsigned long addr, bool write)
{
	int sig = write ? probe_write((void *)addr, 1) : probe_read((void *)addr);

	printf("%s NULL+%#lx: %s %s si_addr=NULL+%#lx\n", write ? "write" : "read", addr,
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, probe_info.si_code) : "",
	       sig ? (unsigned long)probe_info.si_addr : 0);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
	CHECK_EQ(probe_info.si_errno, 0);
	CHECK_EQ((unsigned long)probe_info.si_addr, addr);
}

/* In a child, with SIGSEGV at its default action. */
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
	int status;

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
