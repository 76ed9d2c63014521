/* EXPECT: exit 0 */
/*
 * x86_64: a program may load any value into rsp, a non-canonical one too, and then
 * make a system call: the kernel's return to user mode (iretq) gets that rsp back from
 * the program. The program must then die of a signal, and only the program: never the
 * kernel. Each case runs in a child; riscv64 runs the same with sp.
 *
 *   sp = 0x8000000000000000 (non-canonical), push:          #SS on a real CPU, SIGBUS
 *                                                            (QEMU raises #GP: SIGSEGV)
 *   sp = 0x8000000000000000, then a system call, then push:  SIGSEGV or SIGBUS
 *   sp = 0x800000000000, 0xffffffff80000000, 0 (a push at a non-user address):
 *                                                            SIGSEGV, with or without
 *                                                            a system call first
 *
 * With a system call first, Linux's exact signal depends on its way back to user mode
 * (sysret, or an iret that faults on the bad rsp and is turned into SIGSEGV), and the
 * CPU decides between #SS and #GP, so SIGSEGV and SIGBUS are both accepted; only the
 * printed outcome "killed" is compared, the signal is a note.
 */
#include <check.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

struct sp_case {
	unsigned long sp;
	int syscall_first;
};

static int run_with_sp(void *arg)
{
	const struct sp_case *c = arg;

#if defined(__x86_64__)
	if (c->syscall_first)
		__asm__ volatile("movq	%0, %%rsp\n\t"
				 "movl	$39, %%eax\n\t"		/* getpid */
				 "syscall\n\t"
				 "pushq	%%rax\n\t"
				 "ud2" : : "r"(c->sp) : "memory");
	else
		__asm__ volatile("movq	%0, %%rsp\n\t"
				 "pushq	%%rax\n\t"
				 "ud2" : : "r"(c->sp) : "memory");
#else
	if (c->syscall_first)
		__asm__ volatile("mv	sp, %0\n\t"
				 "li	a7, 172\n\t"		/* getpid */
				 "ecall\n\t"
				 "sd	a0, -8(sp)\n\t"
				 "unimp" : : "r"(c->sp) : "memory");
	else
		__asm__ volatile("mv	sp, %0\n\t"
				 "sd	a0, -8(sp)\n\t"
				 "unimp" : : "r"(c->sp) : "memory");
#endif
	return 1;
}

int main(void)
{
	static const unsigned long sps[] = {
		0x8000000000000000UL, 0x0000800000000000UL, 0xffffffff80000000UL, 0,
	};

	for (unsigned long i = 0; i < ARRAY_SIZE(sps); i++) {
		for (int s = 0; s < 2; s++) {
			struct sp_case c = { sps[i], s };
			int status = run_in_child(run_with_sp, &c);
			int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;

			note("sp %#lx, %s: %s", c.sp, s ? "system call first" : "no system call",
			     status_str(status));
			CHECK(sig == SIGSEGV || sig == SIGBUS, "sp %#lx%s: %s", c.sp,
			      s ? " and a system call" : "", status_str(status));
			printf("sp %#lx%s: killed\n", c.sp, s ? ", system call" : "");
		}
	}
	return 0;
}
