/* EXPECT: exit 0 */
/*
 * How a handler is called, as Linux calls it (asm/signal.h): with the signal, a pointer
 * to the siginfo and one to the ucontext, both inside the struct rt_sigframe that the
 * stack pointer points at on entry; the stack aligned as after a call (x86_64: rsp + 8
 * a multiple of 16; riscv64: sp a multiple of 16); on x86_64 returning to the libc's
 * sa_restorer. The siginfo says who sent the signal: SI_USER with our pid for kill(),
 * SI_TKILL for tgkill(). The ucontext has no uc_link, a uc_stack of { NULL, 0, 0 } (no
 * alternate stack: Linux copies its fields as they are, so not SS_DISABLE, unlike
 * sigaltstack()), the mask to go back to, and the interrupted sp; on x86_64 the
 * user's own cs and ss, and an FPU image 16-byte aligned above the frame.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static struct {
	int nr_calls;
	int sig, si_code, pid_ok, errno_zero;
	int info_in_frame, uc_in_frame, aligned, returns_to_restorer;
	int no_link, stack_flags, stack_empty, mask_ok, sp_below;
	int selectors_ok, fpstate_ok;
} seen;

static unsigned long sp_before;   /* our sp just before sending the signal */

#if defined(__x86_64__)
void __restore_rt(void);          /* the libc's sa_restorer (user/arch/x86_64/sigreturn.S) */
#endif

static __noinline void on_signal(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	char *fp = __builtin_frame_address(0);
	sigset_t now;

	seen.nr_calls++;
	seen.sig = sig == si->si_signo ? sig : -1;
	seen.si_code = si->si_code;
	seen.pid_ok = si->si_pid == getpid();
	seen.errno_zero = si->si_errno == 0;
#if defined(__x86_64__)
	/* The prologue pushed rbp below the return address: entry rsp = rbp + 8. */
	struct rt_sigframe *frame = (struct rt_sigframe *)(fp + 8);
	unsigned short cs, ss;

	seen.aligned = ((unsigned long)frame + 8) % 16 == 0;
	seen.returns_to_restorer = frame->pretcode == (void *)__restore_rt &&
				   __builtin_return_address(0) == (void *)__restore_rt;
	__asm__ volatile("movw %%cs, %0\n\tmovw %%ss, %1" : "=r"(cs), "=r"(ss));
	seen.selectors_ok = uc->uc_mcontext.cs == cs && uc->uc_mcontext.ss == ss;
	seen.fpstate_ok = uc->uc_mcontext.fpstate != NULL &&
			  (unsigned long)uc->uc_mcontext.fpstate % 16 == 0 &&
			  (char *)uc->uc_mcontext.fpstate >= (char *)(frame + 1);
#else
	/* s0, the frame pointer, is the sp the handler was entered with. */
	struct rt_sigframe *frame = (struct rt_sigframe *)fp;

	seen.aligned = (unsigned long)frame % 16 == 0;
	seen.returns_to_restorer = 1; /* ra is the kernel's trampoline: nothing to compare */
	seen.selectors_ok = seen.fpstate_ok = 1;
#endif
	seen.info_in_frame = si == &frame->info;
	seen.uc_in_frame = uc == &frame->uc;
	seen.no_link = uc->uc_link == NULL;
	seen.stack_flags = uc->uc_stack.ss_flags;
	seen.stack_empty = uc->uc_stack.ss_sp == NULL && uc->uc_stack.ss_size == 0;
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	seen.mask_ok = uc->uc_sigmask.sig[0] == 0 && now.sig[0] == (1UL << (SIGUSR1 - 1));
	seen.sp_below = uc_sp(uc) <= sp_before && sp_before - uc_sp(uc) < 4096 &&
			(unsigned long)frame < uc_sp(uc);
}

static void report(const char *how)
{
	printf("%s: %d call, signal %s, %s, si_pid ours %d, si_errno 0 %d\n", how, seen.nr_calls,
	       signal_name(seen.sig), si_code_name(seen.sig, seen.si_code), seen.pid_ok,
	       seen.errno_zero);
	printf("  info and uc in the frame at sp %d %d, aligned %d, returns to sa_restorer %d\n",
	       seen.info_in_frame, seen.uc_in_frame, seen.aligned, seen.returns_to_restorer);
	printf("  uc_link NULL %d, uc_stack NULL and 0 %d, uc_sigmask and mask right %d, "
	       "frame below the interrupted sp %d, selectors and fpstate right %d %d\n",
	       seen.no_link, seen.stack_empty, seen.mask_ok, seen.sp_below, seen.selectors_ok,
	       seen.fpstate_ok);
	CHECK_EQ(seen.nr_calls, 1);
	CHECK_EQ(seen.sig, SIGUSR1);
	CHECK(seen.pid_ok && seen.errno_zero && seen.info_in_frame && seen.uc_in_frame &&
	      seen.aligned && seen.returns_to_restorer && seen.no_link && seen.stack_empty &&
	      seen.mask_ok && seen.sp_below && seen.selectors_ok && seen.fpstate_ok,
	      "%s: see the line above", how);
	if (under_qemu_user())
		note("uc_stack.ss_flags %d (qemu-user says SS_DISABLE, Linux 0)", seen.stack_flags);
	else
		CHECK(seen.stack_flags == 0, "uc_stack.ss_flags %d, expected 0", seen.stack_flags);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);

	sp_before = (unsigned long)__builtin_frame_address(0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	report("kill(getpid(), SIGUSR1)");
	CHECK_EQ(seen.si_code, SI_USER);

	seen.nr_calls = 0;
	CHECK_EQ(raise(SIGUSR1), 0);
	report("raise(SIGUSR1), that is tgkill");
	CHECK_EQ(seen.si_code, SI_TKILL);
	return 0;
}
