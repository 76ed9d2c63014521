/* EXPECT: exit 0 */
/*
 * rt_sigaction and rt_sigprocmask in Linux's order:
 *
 *   - rt_sigaction reads the new action before it looks at the signal number, so an
 *     unreadable act is EFAULT even for signal 0 or SIGKILL; it makes the change before
 *     it writes the old action out, so an unwritable oldact is EFAULT with the new
 *     action in place;
 *   - an sa_flags bit the kernel does not know (SA_UNSUPPORTED 0x400, and the other
 *     unused bits) reads back as 0, so a program can tell it is not supported;
 *   - rt_sigprocmask sets the new mask before it writes the old one out: an unwritable
 *     oldset is EFAULT with the new mask in place.
 *
 * qemu-riscv64 (difftest's Linux for riscv64) reads unknown sa_flags bits back as set,
 * and checks oldact before it installs act; both are excused there with a note.
 */
#include <check.h>
#include <memlayout.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD_PTR ((long)KERNEL_IMAGE)
#define SA_UNSUPPORTED 0x00000400
/* Bits no arch gives a meaning to in rt_sigaction's sa_flags. */
#define UNKNOWN_FLAGS (SA_UNSUPPORTED | 0x8 | 0x100 | 0x200 | 0x20000000)

/* The kernel's struct, with room to spare: see user/arch/riscv64/signal_arch.h. */
struct ksa {
	struct kernel_sigaction ka;
	unsigned long spare;
};

#define SYS(nr, a, b, c, d) syscall6(__NR_##nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

static void show(const char *what, long got, long want)
{
	printf("%-46s %s\n", what, got == 0 ? "0" : strerror((int)-got));
	CHECK(got == want, "%s returned %ld, expected %ld", what, got, want);
}

int main(void)
{
	struct ksa ign = { .ka = { .sa_handler = SIG_IGN } }, now;
	struct sigaction sa = { .sa_handler = SIG_IGN }, back;
	sigset_t usr2, mask;
	unsigned long unknown;

	show("rt_sigaction(SIGUSR1, SIG_IGN, bad oldact)",
	     SYS(rt_sigaction, SIGUSR1, &ign, BAD_PTR, 8), -EFAULT);
	CHECK_EQ(SYS(rt_sigaction, SIGUSR1, 0, &now, 8), 0);
	if (now.ka.sa_handler != SIG_IGN && under_qemu_user()) {
		note("qemu-user fails before it installs the action; excused");
		now.ka.sa_handler = SIG_IGN;
	}
	printf("SIGUSR1 is now ignored: %d\n", now.ka.sa_handler == SIG_IGN);
	CHECK(now.ka.sa_handler == SIG_IGN, "handler %p", now.ka.sa_handler);
	show("rt_sigaction(0, bad act)", SYS(rt_sigaction, 0, BAD_PTR, 0, 8), -EFAULT);
	show("rt_sigaction(SIGKILL, bad act)", SYS(rt_sigaction, SIGKILL, BAD_PTR, 0, 8), -EFAULT);
	show("rt_sigaction(65, NULL, NULL, sigsetsize 9)", SYS(rt_sigaction, 65, 0, 0, 9), -EINVAL);

	sa.sa_flags = SA_RESTART | UNKNOWN_FLAGS;
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGUSR2, NULL, &back), 0);
	unknown = back.sa_flags & UNKNOWN_FLAGS;
	if (unknown && under_qemu_user()) {
		note("qemu-user reads unknown sa_flags back (%#lx); excused", unknown);
		unknown = 0;
	}
	printf("SA_RESTART reads back %d, unknown flags read back %#lx\n",
	       (back.sa_flags & SA_RESTART) != 0, unknown);
	CHECK(back.sa_flags & SA_RESTART, "flags %#lx", back.sa_flags);
	CHECK_EQ(unknown, 0);

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	show("rt_sigprocmask(SIG_BLOCK, SIGUSR2, bad oldset)",
	     SYS(rt_sigprocmask, SIG_BLOCK, &usr2, BAD_PTR, 8), -EFAULT);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	printf("SIGUSR2 is now blocked: %d\n", sigismember(&mask, SIGUSR2));
	CHECK_EQ(sigismember(&mask, SIGUSR2), 1);
	return 0;
}
