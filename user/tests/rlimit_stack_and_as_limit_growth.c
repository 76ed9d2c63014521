/* EXPECT: exit 0 */
/*
 * RLIMIT_STACK bounds how far the stack grows, and RLIMIT_AS how large the address
 * space may get, both read when the growth happens (Linux's acct_stack_growth and
 * may_expand_vm):
 *
 *   - with RLIMIT_STACK at 256 KiB, a store 1 MiB below the stack is a wild access:
 *     SIGSEGV SEGV_MAPERR; with 8 MiB it grows the stack; with 64 MiB so does a store
 *     16 MiB below it;
 *   - with RLIMIT_AS at 64 MiB, mmap() of 128 MiB fails with ENOMEM (1 MiB works), brk()
 *     cannot grow the heap by 128 MiB (ENOMEM), and the stack cannot grow past it either
 *     (SIGSEGV).
 *
 * qemu-user keeps these limits to itself (it ignores RLIMIT_STACK and RLIMIT_AS and
 * gives the program a fixed stack), so there the checks are not made.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#define MIB (1UL << 20)

/* Set the soft limit of res, keeping the hard one (raising that needs CAP_SYS_RESOURCE). */
static void set_limit(int res, unsigned long cur)
{
	struct rlimit r;

	CHECK_EQ(getrlimit(res, &r), 0);
	r.rlim_cur = cur;
	CHECK_EQ(setrlimit(res, &r), 0);
}

/* The stack pointer, about. */
static unsigned long here(void)
{
	volatile char c = 0;

	return (unsigned long)&c;
}

static int stack_limit(void *arg)
{
	unsigned long sp = here() & ~4095UL;
	int sig;

	(void)arg;
	set_limit(RLIMIT_STACK, 256 * 1024);
	sig = probe_write((char *)(sp - MIB), 1);
	CHECK(sig == SIGSEGV && probe_info.si_code == SEGV_MAPERR,
	      "1 MiB below the stack, limit 256 KiB: %s", sig ? signal_name(sig) : "no fault");
	set_limit(RLIMIT_STACK, 8 * MIB);
	CHECK_EQ(probe_write((char *)(sp - MIB), 1), 0);
	set_limit(RLIMIT_STACK, 64 * MIB);
	CHECK_EQ(probe_write((char *)(sp - 16 * MIB), 1), 0);
	return 0;
}

static int as_limit(void *arg)
{
	unsigned long sp = here() & ~4095UL;
	void *p;
	int sig;

	(void)arg;
	set_limit(RLIMIT_AS, 64 * MIB);
	p = mmap(NULL, 128 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p == MAP_FAILED && errno == ENOMEM, "mmap 128 MiB under a 64 MiB limit: %p", p);
	p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap 1 MiB: %s", strerror(errno));
	CHECK(sbrk((long)(128 * MIB)) == (void *)-1 && errno == ENOMEM, "sbrk 128 MiB worked");
	set_limit(RLIMIT_STACK, 512 * MIB);
	sig = probe_write((char *)(sp - 100 * MIB), 1);
	CHECK(sig == SIGSEGV, "stack grown by 100 MiB under a 64 MiB limit: %s",
	      sig ? signal_name(sig) : "no fault");
	return 0;
}

int main(void)
{
	int status;

	if (under_qemu_user()) {
		note("qemu-user does not apply RLIMIT_STACK or RLIMIT_AS: not checked");
		return 0;
	}
	status = run_in_child(stack_limit, NULL);
	CHECK(status == 0, "RLIMIT_STACK: %s", status_str(status));
	status = run_in_child(as_limit, NULL);
	CHECK(status == 0, "RLIMIT_AS: %s", status_str(status));
	return 0;
}
