/* EXPECT: exit 0 */
/*
 * A handler interrupts code at any instruction, so returning from it must give that
 * code back every register exactly, except what the handler chose to change in the
 * frame's ucontext: rt_sigreturn restores the registers from there.
 *
 * An assembly routine loads every general register with its own pattern, traps into a
 * SIGTRAP handler (int3 / ebreak), and stores the registers after the trap. The handler
 * sets one saved register (rax / a0) to 0x1234, and on riscv64 moves the saved pc past
 * the ebreak (x86_64's int3 leaves rip past itself already). Everything else must come
 * back as it was, the carry flag too on x86_64; and on x86_64 the signal frame must not
 * have touched the 128-byte red zone below the interrupted rsp (System V ABI, 3.2.2).
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>

#define PATTERN 0x5a5a000000000000UL /* register n gets PATTERN + n */
#define HANDLER_VALUE 0x1234UL

/* Fills the registers, traps, and stores the registers into out[] (see below). */
void regs_across_trap(unsigned long *out);

#if defined(__x86_64__)
/*
 * out[0..14]: rax rbx rcx rdx rsi rdi rbp r8 r9 r10 r11 r12 r13 r14 r15; out[15]: rflags.
 * Register i of that list is loaded with PATTERN + i.
 */
#define NR_OUT 16
static const char *const reg_names[NR_OUT] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11", "r12",
	"r13", "r14", "r15", "rflags"
};
#define HANDLER_REG 0 /* rax */

__asm__(".text\n"
	".globl regs_across_trap\n"
	"regs_across_trap:\n"
	"	pushq	%rbx\n"			/* the callee-saved registers we clobber */
	"	pushq	%rbp\n"
	"	pushq	%r12\n"
	"	pushq	%r13\n"
	"	pushq	%r14\n"
	"	pushq	%r15\n"
	"	pushq	%rdi\n"			/* out */
	"	movabsq	$0x5a5a000000000000, %rax\n"
	"	movabsq	$0x5a5a000000000001, %rbx\n"
	"	movabsq	$0x5a5a000000000002, %rcx\n"
	"	movabsq	$0x5a5a000000000003, %rdx\n"
	"	movabsq	$0x5a5a000000000004, %rsi\n"
	"	movabsq	$0x5a5a000000000005, %rdi\n"
	"	movabsq	$0x5a5a000000000006, %rbp\n"
	"	movabsq	$0x5a5a000000000007, %r8\n"
	"	movabsq	$0x5a5a000000000008, %r9\n"
	"	movabsq	$0x5a5a000000000009, %r10\n"
	"	movabsq	$0x5a5a00000000000a, %r11\n"
	"	movabsq	$0x5a5a00000000000b, %r12\n"
	"	movabsq	$0x5a5a00000000000c, %r13\n"
	"	movabsq	$0x5a5a00000000000d, %r14\n"
	"	movabsq	$0x5a5a00000000000e, %r15\n"
	"	stc\n"				/* CF = 1 across the trap */
	"	int3\n"				/* SIGTRAP; the handler returns here */
	"	pushfq\n"			/* out[15] */
	"	pushq	%r15\n"			/* out[14] ... */
	"	pushq	%r14\n"
	"	pushq	%r13\n"
	"	pushq	%r12\n"
	"	pushq	%r11\n"
	"	pushq	%r10\n"
	"	pushq	%r9\n"
	"	pushq	%r8\n"
	"	pushq	%rbp\n"
	"	pushq	%rdi\n"
	"	pushq	%rsi\n"
	"	pushq	%rdx\n"
	"	pushq	%rcx\n"
	"	pushq	%rbx\n"
	"	pushq	%rax\n"			/* ... out[0]: now at (%rsp) */
	"	movq	128(%rsp), %rdi\n"	/* out, pushed first */
	"	movq	%rsp, %rsi\n"
	"	movl	$16, %ecx\n"
	"	cld\n"
	"	rep movsq\n"			/* copy the 16 values to out */
	"	addq	$136, %rsp\n"		/* drop them and out */
	"	popq	%r15\n"
	"	popq	%r14\n"
	"	popq	%r13\n"
	"	popq	%r12\n"
	"	popq	%rbp\n"
	"	popq	%rbx\n"
	"	ret\n");

/* Fills the 16 quadwords below rsp, traps, and returns how many still hold the pattern. */
int red_zone_across_trap(void);

__asm__(".text\n"
	".globl red_zone_across_trap\n"
	"red_zone_across_trap:\n"
	"	leaq	-128(%rsp), %rdi\n"
	"	movl	$16, %ecx\n"
	"	movabsq	$0x5a5a5a5a5a5a5a5a, %rax\n"
	"	cld\n"
	"	rep stosq\n"			/* [rsp - 128, rsp) = pattern */
	"	int3\n"
	"	movabsq	$0x5a5a5a5a5a5a5a5a, %rax\n"	/* the handler changed rax */
	"	leaq	-128(%rsp), %rdi\n"
	"	movl	$16, %ecx\n"
	"	xorl	%edx, %edx\n"
	"1:	cmpq	%rax, (%rdi)\n"
	"	jne	2f\n"
	"	incl	%edx\n"
	"2:	addq	$8, %rdi\n"
	"	loop	1b\n"
	"	movl	%edx, %eax\n"
	"	ret\n");
#else
/* out[n] = register xn after the trap, for n = 1 and 3..31 (out[0], out[2] unused). */
#define NR_OUT 32
#define HANDLER_REG 10 /* a0 */

__asm__(".text\n"
	".globl regs_across_trap\n"
	"regs_across_trap:\n"
	"	addi	sp, sp, -384\n"		/* 0..127: saved registers, 128..383: out */
	"	sd	ra, 0(sp)\n"
	"	sd	gp, 8(sp)\n"
	"	sd	tp, 16(sp)\n"
	"	sd	a0, 24(sp)\n"		/* out */
	"	sd	s0, 32(sp)\n"
	"	sd	s1, 40(sp)\n"
	"	sd	s2, 48(sp)\n"
	"	sd	s3, 56(sp)\n"
	"	sd	s4, 64(sp)\n"
	"	sd	s5, 72(sp)\n"
	"	sd	s6, 80(sp)\n"
	"	sd	s7, 88(sp)\n"
	"	sd	s8, 96(sp)\n"
	"	sd	s9, 104(sp)\n"
	"	sd	s10, 112(sp)\n"
	"	sd	s11, 120(sp)\n"
	"	li	x31, 0x5a5a\n"
	"	slli	x31, x31, 48\n"		/* x31 = PATTERN */
	"	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
	"	addi	x\\n, x31, \\n\n"
	"	.endr\n"
	"	addi	x31, x31, 31\n"
	".option push\n"
	".option norvc\n"
	"	ebreak\n"			/* SIGTRAP; the handler moves pc past it */
	".option pop\n"
	"	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	sd	x\\n, 128 + 8 * \\n(sp)\n"
	"	.endr\n"
	"	ld	a0, 24(sp)\n"
	"	addi	t0, sp, 128\n"
	"	li	t1, 32\n"
	"1:	ld	t2, 0(t0)\n"		/* copy the 32 slots to out */
	"	sd	t2, 0(a0)\n"
	"	addi	t0, t0, 8\n"
	"	addi	a0, a0, 8\n"
	"	addi	t1, t1, -1\n"
	"	bnez	t1, 1b\n"
	"	ld	ra, 0(sp)\n"
	"	ld	gp, 8(sp)\n"
	"	ld	tp, 16(sp)\n"
	"	ld	s0, 32(sp)\n"
	"	ld	s1, 40(sp)\n"
	"	ld	s2, 48(sp)\n"
	"	ld	s3, 56(sp)\n"
	"	ld	s4, 64(sp)\n"
	"	ld	s5, 72(sp)\n"
	"	ld	s6, 80(sp)\n"
	"	ld	s7, 88(sp)\n"
	"	ld	s8, 96(sp)\n"
	"	ld	s9, 104(sp)\n"
	"	ld	s10, 112(sp)\n"
	"	ld	s11, 120(sp)\n"
	"	addi	sp, sp, 384\n"
	"	ret\n");
#endif

static int nr_traps;

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	nr_traps++;
#if defined(__x86_64__)
	uc->uc_mcontext.rax = HANDLER_VALUE;
#else
	uc->uc_mcontext.sc_regs.a0 = HANDLER_VALUE;
	uc->uc_mcontext.sc_regs.pc += 4; /* past the 4-byte ebreak */
#endif
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };
	unsigned long out[NR_OUT] = { 0 };
	int nr_checked = 0;

	CHECK_EQ(sigaction(SIGTRAP, &sa, NULL), 0);
	regs_across_trap(out);
	CHECK_EQ(nr_traps, 1);
	for (int i = 0; i < NR_OUT; i++) {
		unsigned long want = i == HANDLER_REG ? HANDLER_VALUE : PATTERN + (unsigned long)i;

#if defined(__x86_64__)
		if (i == 15) {
			CHECK(out[i] & 1, "CF was lost across the handler: rflags %#lx", out[i]);
			continue;
		}
		CHECK(out[i] == want, "%s is %#lx after the handler, expected %#lx", reg_names[i],
		      out[i], want);
#else
		if (i == 0 || i == 2)
			continue;
		CHECK(out[i] == want, "x%d is %#lx after the handler, expected %#lx", i, out[i],
		      want);
#endif
		nr_checked++;
	}
#if defined(__x86_64__)
	printf("%d registers came back (rax as the handler set it), and CF\n", nr_checked);
	nr_traps = 0;
	int intact = red_zone_across_trap();

	printf("red zone: %d of 16 quadwords intact\n", intact);
	CHECK_EQ(nr_traps, 1);
	CHECK_EQ(intact, 16);
#else
	printf("%d registers came back (a0 as the handler set it), pc past the ebreak\n",
	       nr_checked);
#endif
	return 0;
}
