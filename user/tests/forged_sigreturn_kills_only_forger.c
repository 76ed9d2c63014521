/* EXPECT: exit 0 */
/*
 * rt_sigreturn trusts nothing in the frame it is given. A child calls it directly, with
 * no signal delivered, and the stack pointer at a frame it forged:
 *
 *   x86_64  kernel_selectors   cs = 0x10, ss = 0x18 (kernel segments), IOPL 3, IF 0:
 *                              Linux forces RPL 3 onto the selectors, and the return
 *                              to user mode with them faults: SIGSEGV
 *           privileged_flags   the user's own cs and ss, but IOPL 3 and IF 0: Linux
 *                              takes only the arithmetic and TF/DF/AC/RF flags from a
 *                              frame, so the child carries on where the frame says,
 *                              with IOPL 0 and IF 1, and exits 42
 *   riscv64 kernel_pc          there is no status register in the frame (sret's
 *                              privilege comes from sstatus, never from the frame), so
 *                              pc = a kernel address, sp too, other registers garbage:
 *                              the fetch from kernel memory faults: SIGSEGV
 *   both    kernel_sp          sp itself points into the kernel: the frame cannot be
 *                              read: SIGSEGV
 *           garbage            1 KiB of pseudo-random bytes: SIGSEGV
 *
 * Each child dies of SIGSEGV (or exits 42, as said), and we, the parent, carry on.
 */
#include <check.h>
#include <memlayout.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Enter rt_sigreturn with the stack pointer at sp. Never returns. */
__noreturn void sigreturn_at(void *sp);

#if defined(__x86_64__)
/* rt_sigreturn finds the frame's ucontext at rsp: where it is once a handler's `ret` has
 * popped pretcode (asm/signal.h). */
__asm__(".text\n"
	".globl sigreturn_at\n"
	"sigreturn_at:\n"
	"	movq	%rdi, %rsp\n"
	"	movl	$15, %eax\n"		/* __NR_rt_sigreturn */
	"	syscall\n"
	"	ud2\n");
#else
/* rt_sigreturn finds the frame at sp, as the trampoline leaves it. */
__asm__(".text\n"
	".globl sigreturn_at\n"
	"sigreturn_at:\n"
	"	mv	sp, a0\n"
	"	li	a7, 139\n"		/* __NR_rt_sigreturn */
	"	ecall\n"
	"	unimp\n");
#endif

static struct rt_sigframe frame __aligned(64);
static unsigned char garbage[1024] __aligned(64);

#if defined(__x86_64__)
static unsigned long resume_stack[512] __aligned(16);

/* Where the privileged_flags frame resumes: report what the flags became. */
static __noreturn void resumed(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq\n\tpopq %0" : "=r"(flags));
	printf("  resumed with IOPL %lu IF %lu\n", (flags >> 12) & 3, (flags >> 9) & 1);
	_exit((flags & 0x3000) == 0 && (flags & 0x200) ? 42 : 43);
}
#endif

static void fill_garbage(void *p, size_t size, unsigned long seed)
{
	unsigned char *b = p;

	for (size_t i = 0; i < size; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		b[i] = (unsigned char)(seed >> 56);
	}
}

#if defined(__x86_64__)
static int kernel_selectors(void *arg)
{
	(void)arg;
	memset(&frame, 0, sizeof(frame));
	frame.uc.uc_mcontext.rip = (unsigned long)resumed;
	frame.uc.uc_mcontext.rsp = (unsigned long)&resume_stack[511]; /* rsp % 16 == 8 */
	frame.uc.uc_mcontext.cs = 0x10;
	frame.uc.uc_mcontext.ss = 0x18;
	frame.uc.uc_mcontext.eflags = 0x3002; /* IOPL 3, IF 0 (bit 1 is always 1) */
	sigreturn_at(&frame.uc);
}

static int privileged_flags(void *arg)
{
	unsigned short cs, ss;

	(void)arg;
	__asm__ volatile("movw %%cs, %0\n\tmovw %%ss, %1" : "=r"(cs), "=r"(ss));
	memset(&frame, 0, sizeof(frame));
	frame.uc.uc_mcontext.rip = (unsigned long)resumed;
	frame.uc.uc_mcontext.rsp = (unsigned long)&resume_stack[511];
	frame.uc.uc_mcontext.cs = cs;
	frame.uc.uc_mcontext.ss = ss;
	frame.uc.uc_mcontext.eflags = 0x3002;
	sigreturn_at(&frame.uc);
}
#else
static int kernel_pc(void *arg)
{
	(void)arg;
	fill_garbage(&frame, sizeof(frame), 1);
	frame.uc.uc_mcontext.sc_regs.pc = KERNEL_IMAGE;
	frame.uc.uc_mcontext.sc_regs.sp = KERNEL_IMAGE + 0x10000;
	sigreturn_at(&frame);
}
#endif

static int kernel_sp(void *arg)
{
	(void)arg;
	sigreturn_at((void *)KERNEL_IMAGE);
}

static int random_garbage(void *arg)
{
	(void)arg;
	fill_garbage(garbage, sizeof(garbage), 2);
	sigreturn_at(garbage);
}

static const struct forgery {
	const char *name;
	int (*fn)(void *);
	int exit_code;        /* the expected exit code, or -1: killed by SIGSEGV */
} forgeries[] = {
#if defined(__x86_64__)
	{ "kernel_selectors", kernel_selectors, -1 },
	{ "privileged_flags", privileged_flags, 42 },
#else
	{ "kernel_pc", kernel_pc, -1 },
#endif
	{ "kernel_sp", kernel_sp, -1 },
	{ "garbage", random_garbage, -1 },
};

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(forgeries); i++) {
		const struct forgery *f = &forgeries[i];
		int status;

		printf("%s:\n", f->name);
		status = run_in_child(f->fn, NULL);
		printf("  the forger: %s\n", status_str(status));
		if (f->exit_code < 0)
			CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s: %s", f->name,
			      status_str(status));
		else
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == f->exit_code, "%s: %s",
			      f->name, status_str(status));
	}
	printf("the parent still runs\n");
	return 0;
}
