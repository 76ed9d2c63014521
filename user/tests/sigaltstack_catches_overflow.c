/* EXPECT: exit 0 */
/*
 * The alternate signal stack: the one way to handle a stack overflow, since the
 * overflowed stack has no room for a signal frame.
 *
 * First an SA_ONSTACK handler for SIGUSR1 that returns: it runs on the alternate stack,
 * its frame's sp is the one it interrupted, and after it we carry on on our own stack.
 *
 * Unbounded recursion runs off the end of the stack. The SIGSEGV handler, installed
 * with SA_ONSTACK, runs on the alternate stack: its locals are inside it, sigaltstack()
 * says SS_ONSTACK (and refuses a change with EPERM while we are on it), and the frame's
 * uc_stack describes it. The handler siglongjmp()s out, after which we are off the
 * alternate stack again (stack_overflow_kills_without_altstack: the same without one).
 * Also: sigaltstack's errors (ENOMEM for a too-small stack, EINVAL for bad flags) and
 * SS_DISABLE.
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define ALT_SIZE (64 * 1024)

static char *alt;           /* the alternate stack */
static sigjmp_buf env;

/* What the handler saw, reported once back on the main stack. */
static struct {
	int code;
	int local_on_alt;       /* a local variable of the handler lies in [alt, alt + size) */
	int flags_now;          /* sigaltstack(NULL, &now).ss_flags inside */
	int change_errno;       /* errno of changing the alternate stack inside */
	int uc_stack_ok;        /* uc_stack is { alt, 0, ALT_SIZE } */
	int addr_near_sp;       /* si_addr within 64 KiB of the interrupted sp */
	long addr_below_sp;     /* sp - si_addr (negative: a store above sp, into the frame
				   the function just made room for) */
} seen;

/* What a SIGUSR1 handler on the alternate stack saw. */
static struct {
	int on_alt;             /* its local variable lies on the alternate stack */
	unsigned long uc_sp;    /* the interrupted sp, from its ucontext */
} usr1;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	char local;

	(void)sig;
	(void)si;
	usr1.on_alt = &local >= alt && &local < alt + ALT_SIZE;
	usr1.uc_sp = uc_sp(uc);
}

/* Raise SIGUSR1, whose handler runs on the alternate stack and returns: we must carry on
 * here, on our own stack, with our locals intact. */
static __noinline void returning_handler(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	volatile unsigned long canary = 0x600dcafe;
	unsigned long here = (unsigned long)__builtin_frame_address(0);

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	printf("a handler on the alternate stack that returns: ran there %d, its uc sp is the "
	       "interrupted one %d, we go on with our locals %d\n", usr1.on_alt,
	       usr1.uc_sp < here && here - usr1.uc_sp < 4096, canary == 0x600dcafe);
	CHECK_EQ(usr1.on_alt, 1);
	CHECK(usr1.uc_sp < here && here - usr1.uc_sp < 4096,
	      "uc sp %#lx, but we were at %#lx: not the interrupted sp", usr1.uc_sp, here);
	CHECK_EQ(canary, 0x600dcafe);
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	char local;
	stack_t now, other = { .ss_sp = alt, .ss_size = ALT_SIZE };
	unsigned long sp = uc_sp(uc), addr = (unsigned long)si->si_addr;

	(void)sig;
	seen.code = si->si_code;
	seen.local_on_alt = &local >= alt && &local < alt + ALT_SIZE;
	CHECK_EQ(sigaltstack(NULL, &now), 0);
	seen.flags_now = now.ss_flags;
	seen.change_errno = sigaltstack(&other, NULL) == 0 ? 0 : errno;
	seen.uc_stack_ok = uc->uc_stack.ss_sp == alt && uc->uc_stack.ss_size == ALT_SIZE &&
			   uc->uc_stack.ss_flags == 0;
	seen.addr_near_sp = addr + 64 * 1024 > sp && addr < sp + 64 * 1024;
	seen.addr_below_sp = (long)(sp - addr);
	siglongjmp(env, 1);
}

/* Never set: it only keeps the compiler from proving the recursion endless. */
static volatile int max_depth;

/* Never returns: every call needs more stack, until there is none. */
static __noinline int recurse(int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth == max_depth - 1)
		return 0;
	return recurse(depth + 1) + pad[0];
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	stack_t ss, now;

	CHECK_EQ(sigaltstack(NULL, &now), 0);
	printf("at start: ss_flags %s\n", now.ss_flags == SS_DISABLE ? "SS_DISABLE" : "?");
	CHECK_EQ(now.ss_flags, SS_DISABLE);

	alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(alt != MAP_FAILED, "mmap: %s", strerror(errno));
	ss = (stack_t){ .ss_sp = alt, .ss_size = MINSIGSTKSZ - 1 };
	CHECK_ERR(syscall6(__NR_sigaltstack, (long)&ss, 0, 0, 0, 0, 0), ENOMEM);
	ss = (stack_t){ .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0x40 };
	CHECK_ERR(syscall6(__NR_sigaltstack, (long)&ss, 0, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_sigaltstack, 8, 0, 0, 0, 0, 0), EFAULT);
	ss = (stack_t){ .ss_sp = alt, .ss_size = ALT_SIZE };
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	CHECK_EQ(sigaltstack(NULL, &now), 0);
	CHECK(now.ss_sp == alt && now.ss_size == ALT_SIZE && now.ss_flags == 0,
	      "read back { %p, %d, %zu }", now.ss_sp, now.ss_flags, now.ss_size);

	returning_handler();

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	if (sigsetjmp(env, 1) == 0)
		recurse(0);
	printf("overflow: SIGSEGV; handler on the alternate stack %d, ss_flags SS_ONSTACK %d, "
	       "change refused with EPERM %d, uc_stack right %d, si_addr near sp %d\n",
	       seen.local_on_alt, seen.flags_now == SS_ONSTACK, seen.change_errno == EPERM,
	       seen.uc_stack_ok, seen.addr_near_sp);
	note("si_addr = the interrupted sp - %#lx", seen.addr_below_sp);
	/* Below the stack nothing is mapped, on Linux (up to its 8 MiB limit) and here. */
	if (under_qemu_user())
		note("qemu-user puts a PROT_NONE guard page under the stack: %s, not SEGV_MAPERR",
		     si_code_name(SIGSEGV, seen.code));
	else
		CHECK_EQ(seen.code, SEGV_MAPERR);
	CHECK_EQ(seen.local_on_alt, 1);
	CHECK_EQ(seen.flags_now, SS_ONSTACK);
	CHECK_EQ(seen.change_errno, EPERM);
	CHECK_EQ(seen.uc_stack_ok, 1);
	CHECK_EQ(seen.addr_near_sp, 1);
	CHECK_EQ(sigaltstack(NULL, &now), 0);
	printf("after siglongjmp: ss_flags %d\n", now.ss_flags);
	CHECK_EQ(now.ss_flags, 0);

	ss = (stack_t){ .ss_flags = SS_DISABLE };
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	CHECK_EQ(sigaltstack(NULL, &now), 0);
	CHECK_EQ(now.ss_flags, SS_DISABLE);

	return 0;
}
