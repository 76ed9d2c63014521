/* EXPECT: exit 0 */
/*
 * x86_64: a user program may use the far control transfers on its own, ordinary stack:
 * lretq (pops rip and cs), iretq (pops rip, cs, rflags, rsp and ss) and a far call
 * through memory (pushes cs and the return address, and the callee's lretl pops them),
 * all to the same user code segment. On a real CPU these are user-mode accesses to a
 * present, writable stack page: the three run through and the child exits 0.
 *
 * QEMU 7.2 with SMAP (-cpu max) makes those stack accesses as the supervisor instead,
 * so each one takes a page fault with the error code's U/S bit clear, on a page that is
 * mapped: nothing the kernel maps can make it pass. The old kernel called that fault
 * resolved and returned to the instruction, which faulted again, forever. Linux treats
 * such an implicit supervisor access from user mode as an oops and kills the task with
 * SIGKILL, and so does Faultline now.
 *
 * So the child must either exit 0 (real hardware, as on the Linux this is compared
 * with) or be killed by SIGKILL (the emulated CPU); hanging, or any other end, fails.
 * Only a note says which. The loop of the old kernel was not a hang of the system (it
 * returned to user mode each time, so the task could be preempted and killed, as a
 * looping fault on Linux can); wait_child() gives up on the child after 10 s. riscv64 has no far transfers: there the test is a trivial
 * pass.
 */
#include <check.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
/* Each returns 7 after the far transfer, which lands on the next instruction. */
long far_lretq(void), far_iretq(void), far_lcall(void);

__asm__(".text\n"
	".globl far_lretq, far_iretq, far_lcall\n"
	"far_lretq:\n"
	"	movq	%cs, %rax\n"
	"	pushq	%rax\n"			/* cs */
	"	leaq	1f(%rip), %rax\n"
	"	pushq	%rax\n"			/* rip */
	"	lretq\n"
	"1:	movl	$7, %eax\n"
	"	ret\n"
	"far_iretq:\n"
	"	movq	%rsp, %rdx\n"
	"	movq	%ss, %rax\n"
	"	pushq	%rax\n"			/* ss */
	"	pushq	%rdx\n"			/* rsp: as before the five pushes */
	"	pushfq\n"			/* rflags */
	"	movq	%cs, %rax\n"
	"	pushq	%rax\n"			/* cs */
	"	leaq	1f(%rip), %rax\n"
	"	pushq	%rax\n"			/* rip */
	"	iretq\n"
	"1:	movl	$7, %eax\n"
	"	ret\n"
	"far_lcall:\n"
	"	subq	$8, %rsp\n"		/* room for the far pointer: m16:32 */
	"	leaq	far_callee(%rip), %rax\n"
	"	movl	%eax, (%rsp)\n"		/* offset (below 4 GiB) */
	"	movw	%cs, 4(%rsp)\n"		/* selector */
	"	lcalll	*(%rsp)\n"
	"	addq	$8, %rsp\n"
	"	ret\n"
	"far_callee:\n"
	"	movl	$7, %eax\n"
	"	lretl\n");


static const struct {
	const char *name;
	long (*fn)(void);
} transfers[] = {
	{ "lretq", far_lretq },
	{ "iretq", far_iretq },
	{ "far call", far_lcall },
};

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(transfers); i++) {
		pid_t pid = fork();
		int status;

		CHECK(pid >= 0, "fork: %d", pid);
		if (pid == 0)
			_exit(transfers[i].fn() == 7 ? 0 : 1);
		status = wait_child(pid, 0); /* fails the test if the child hangs */
		CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
		      (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL),
		      "%s: %s", transfers[i].name, status_str(status));
		note("%s: %s", transfers[i].name, status_str(status));
		printf("%s: ran through, or SIGKILL where the CPU makes it a supervisor access\n",
		       transfers[i].name);
	}
	return 0;
}
#else
int main(void)
{
	printf("x86_64 only\n");
	return 0;
}
#endif
