/* EXPECT: exit 0 */
/*
 * x86_64: a program may set EFLAGS.NT (nested task) with popfq, and a system call made
 * with NT set works like any other. `syscall` leaves in the kernel every rflags bit the
 * kernel's MSR_FMASK does not clear, and an iretq with NT set raises #GP (a task return
 * is not allowed in long mode, Intel SDM vol. 2A, IRET): so the kernel must clear NT on
 * entry, as Linux does, or its own return to the program faults.
 *
 * A child sets NT and makes a few calls with it: getpid, a kill of itself (so a signal
 * handler runs and rt_sigreturn comes back with NT still set in the program), a write
 * and a nanosleep (which sleeps and switches tasks). Each must give the right result,
 * and the child must exit normally; the parent, and the kernel, carry on.
 *
 * Upstream Linux gives the user's NT back after the call (tools/testing/selftests/x86/
 * syscall_nt.c checks it) and so does Faultline, which is checked here. The Linux this
 * test is compared with on x86_64 hosts is a paravirtualised guest that returns NT
 * cleared, so on Linux the value is only noted.
 *
 * riscv64 has no such flag: there the test is a trivial pass.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__x86_64__)
#define EFLAGS_NT 0x4000UL

static volatile int nr_handled;

static void on_usr1(int sig)
{
	(void)sig;
	nr_handled++;
}

/*
 * System call nr with NT set: set NT, `syscall`, read rflags, clear NT again (before
 * any C code, which does not expect it). Returns the call's result; *flags_after gets
 * rflags right after the call.
 */
static long syscall_with_nt(long nr, long a, long b, long c, unsigned long *flags_after)
{
	register long r10 __asm__("r10") = 0;
	unsigned long flags;
	long ret;

	__asm__ __volatile__("pushfq\n\t"
			     "orq	$0x4000, (%%rsp)\n\t"	/* NT */
			     "popfq\n\t"
			     "syscall\n\t"
			     "pushfq\n\t"
			     "popq	%1\n\t"
			     "pushfq\n\t"
			     "andq	$~0x4000, (%%rsp)\n\t"
			     "popfq"
			     : "=a"(ret), "=&r"(flags)
			     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
			     : "rcx", "r11", "memory", "cc");
	*flags_after = flags;
	return ret;
}

static int calls_with_nt(void *arg)
{
	static const char msg[] = "write with NT set\n";
	struct timespec ts = { 0, 1000000 };
	unsigned long flags[4];
	long r;

	(void)arg;
	CHECK_EQ(syscall_with_nt(__NR_getpid, 0, 0, 0, &flags[0]), getpid());
	CHECK_EQ(syscall_with_nt(__NR_kill, getpid(), SIGUSR1, 0, &flags[1]), 0);
	CHECK_EQ(nr_handled, 1);
	r = syscall_with_nt(__NR_write, 1, (long)msg, sizeof(msg) - 1, &flags[2]);
	CHECK_EQ(r, (long)sizeof(msg) - 1);
	CHECK_EQ(syscall_with_nt(__NR_nanosleep, (long)&ts, 0, 0, &flags[3]), 0);
	for (int i = 0; i < 4; i++) {
		if (on_faultline())
			CHECK(flags[i] & EFLAGS_NT, "call %d: NT lost: rflags %#lx", i, flags[i]);
		else
			note("call %d: rflags %#lx after the call", i, flags[i]);
	}
	return 7;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	int status;

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	status = run_in_child(calls_with_nt, NULL);
	printf("child with NT set: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "child: %s", status_str(status));
	return 0;
}
#else
int main(void)
{
	printf("child with NT set: exit 7\n"); /* x86_64 only: the same output */
	return 0;
}
#endif
