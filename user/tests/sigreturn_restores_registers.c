/* EXPECT: exit 0 */
/*
 * rt_sigreturn restores every register from the frame's ucontext, whatever the handler
 * wrote there. A test that only changes one register, or leaves values the registers
 * still hold, cannot tell a restore from no restore at all: so the handler here writes
 * a NEW value into every saved register, and each must come back as the handler wrote it.
 *
 * An assembly routine loads every register with an OLD pattern, traps into a SIGTRAP
 * handler (int3 / ebreak), and, where the trap resumes, stores every register into
 * globals, using no register as a base (rip-relative on x86_64; on riscv64 through t6,
 * which the handler sets to the address of the output). The handler writes:
 *
 *   x86_64  rax..r15 (all 15 besides rsp)  NEW + i
 *           rsp                            the interrupted rsp - 256
 *           rip                            past a ud2 after the int3 (ud2 must not run)
 *           rflags                         CF PF AF ZF SF DF OF set (they were clear)
 *           fpstate: xmm0-15               NEW patterns
 *                    MXCSR                 rounding down (RC = 01)
 *                    x87 control word      53-bit precision (PC = 10)
 *   riscv64 x1, x3..x30                    NEW + n
 *           sp                             the interrupted sp - 256
 *           t6 (x31)                       the address of the output
 *           pc                             past an unimp after the ebreak
 *           f0-f31                         NEW patterns
 *           fcsr                           frm = round down, fflags NX
 *
 * On x86_64 the signal frame must also not have touched the 128-byte red zone below the
 * interrupted rsp (System V ABI, 3.2.2). On Linux with XSAVE frames (uc_flags has
 * UC_FP_XSTATE), the handler marks the x87 state as present in the XSAVE header, or
 * the restore would reset it; Faultline's frames are FXSAVE images, always restored whole.
 */
#include <check.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#define OLD 0x5a5a000000000000UL /* register n before the trap: OLD + n */
#define NEW 0xa5a5000000000000UL /* register n as the handler sets it: NEW + n */
#define SP_MOVE 256              /* the handler moves the stack pointer down by this */

static int nr_traps;
unsigned long saved_sp;                /* the routine's sp, to get back to after the trap */
unsigned long sp_at_trap;              /* the interrupted sp, as the handler saw it */

#if defined(__x86_64__)
#define NR_GPRS 15
/* out_gpr[i]: rax rbx rcx rdx rsi rdi rbp r8 r9 r10 r11 r12 r13 r14 r15 after the trap. */
static const char *const gpr_names[NR_GPRS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11", "r12",
	"r13", "r14", "r15"
};
static const size_t gpr_offsets[NR_GPRS] = {
	offsetof(struct sigcontext, rax), offsetof(struct sigcontext, rbx),
	offsetof(struct sigcontext, rcx), offsetof(struct sigcontext, rdx),
	offsetof(struct sigcontext, rsi), offsetof(struct sigcontext, rdi),
	offsetof(struct sigcontext, rbp), offsetof(struct sigcontext, r8),
	offsetof(struct sigcontext, r9), offsetof(struct sigcontext, r10),
	offsetof(struct sigcontext, r11), offsetof(struct sigcontext, r12),
	offsetof(struct sigcontext, r13), offsetof(struct sigcontext, r14),
	offsetof(struct sigcontext, r15),
};
#define EFLAGS_SET   0xcd5UL  /* CF PF AF ZF SF DF OF */
#define MXCSR_RC_DOWN 0x2000U
#define FCW_OLD      0x037fU  /* after fninit */
#define FCW_NEW      0x027fU  /* precision control 10: double */
#define FX_MXCSR     24       /* byte offsets in the FXSAVE image (SDM 1, 10.5.1) */
#define FX_XMM0      160
#define FX_XSTATE_BV 512      /* the XSAVE header's XSTATE_BV, after the legacy area */

unsigned long out_gpr[NR_GPRS], out_rsp, out_flags;
unsigned long xmm_old[32] __aligned(16), out_xmm[32] __aligned(16);
unsigned int out_mxcsr;
unsigned short out_fcw;
const unsigned int mxcsr_default = 0x1f80;
const unsigned short fcw_default = FCW_OLD;

/* Fills every register, traps, and stores them into out_* (see the table above). */
void regs_across_trap(void);
extern const char trap_resume[], trap_landing[];

__asm__(".text\n"
	".globl regs_across_trap, trap_resume, trap_landing\n"
	"regs_across_trap:\n"
	"	pushq	%rbx\n"			/* the callee-saved registers we clobber */
	"	pushq	%rbp\n"
	"	pushq	%r12\n"
	"	pushq	%r13\n"
	"	pushq	%r14\n"
	"	pushq	%r15\n"
	"	movq	%rsp, saved_sp(%rip)\n"
	"	fninit\n"			/* x87 control word 0x37f */
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
	"	movdqa	xmm_old + 16 * \\n(%rip), %xmm\\n\n"
	"	.endr\n"
	"	pushq	$2\n"			/* rflags: all arithmetic flags and DF clear */
	"	popfq\n"
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
	"	int3\n"				/* SIGTRAP: the frame's rip is trap_resume */
	"trap_resume:\n"
	"	ud2\n"				/* the handler sends us past this */
	"trap_landing:\n"
	"	movq	%rsp, out_rsp(%rip)\n"	/* first: nothing else moves rsp */
	"	pushfq\n"
	"	popq	out_flags(%rip)\n"
	"	movq	%rax, out_gpr + 0(%rip)\n"
	"	movq	%rbx, out_gpr + 8(%rip)\n"
	"	movq	%rcx, out_gpr + 16(%rip)\n"
	"	movq	%rdx, out_gpr + 24(%rip)\n"
	"	movq	%rsi, out_gpr + 32(%rip)\n"
	"	movq	%rdi, out_gpr + 40(%rip)\n"
	"	movq	%rbp, out_gpr + 48(%rip)\n"
	"	movq	%r8, out_gpr + 56(%rip)\n"
	"	movq	%r9, out_gpr + 64(%rip)\n"
	"	movq	%r10, out_gpr + 72(%rip)\n"
	"	movq	%r11, out_gpr + 80(%rip)\n"
	"	movq	%r12, out_gpr + 88(%rip)\n"
	"	movq	%r13, out_gpr + 96(%rip)\n"
	"	movq	%r14, out_gpr + 104(%rip)\n"
	"	movq	%r15, out_gpr + 112(%rip)\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
	"	movdqa	%xmm\\n, out_xmm + 16 * \\n(%rip)\n"
	"	.endr\n"
	"	stmxcsr	out_mxcsr(%rip)\n"
	"	fnstcw	out_fcw(%rip)\n"
	"	cld\n"				/* the C ABI's state again */
	"	ldmxcsr	mxcsr_default(%rip)\n"
	"	fldcw	fcw_default(%rip)\n"
	"	movq	saved_sp(%rip), %rsp\n"
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
	"	movabsq	$0x5a5a5a5a5a5a5a5a, %rax\n"
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

static bool red_zone_run;

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	struct sigcontext *sc = &uc->uc_mcontext;
	unsigned char *fx = sc->fpstate;

	(void)sig;
	(void)si;
	nr_traps++;
	if (red_zone_run)
		return;
	CHECK(sc->rip == (unsigned long)trap_resume, "the frame's rip %#lx", sc->rip);
	for (int i = 0; i < NR_GPRS; i++)
		*(unsigned long *)((char *)sc + gpr_offsets[i]) = NEW + (unsigned long)i;
	sp_at_trap = sc->rsp;
	sc->rsp -= SP_MOVE;
	sc->rip = (unsigned long)trap_landing;
	sc->eflags |= EFLAGS_SET;
	CHECK(fx != NULL, "no FPU state in the frame");
	for (int i = 0; i < 32; i++)
		*(unsigned long *)(fx + FX_XMM0 + 8 * i) = NEW + 0x100 + (unsigned long)i;
	*(unsigned int *)(fx + FX_MXCSR) |= MXCSR_RC_DOWN;
	*(unsigned short *)fx = FCW_NEW; /* FCW: byte 0 */
	if (uc->uc_flags & UC_FP_XSTATE)
		*(unsigned long *)(fx + FX_XSTATE_BV) |= 1; /* x87 state present */
}

static void check_registers(void)
{
	for (int i = 0; i < NR_GPRS; i++)
		CHECK(out_gpr[i] == NEW + (unsigned long)i, "%s is %#lx after sigreturn, expected %#lx",
		      gpr_names[i], out_gpr[i], NEW + (unsigned long)i);
	CHECK(out_rsp == sp_at_trap - SP_MOVE, "rsp is %#lx, expected %#lx", out_rsp,
	      sp_at_trap - SP_MOVE);
	CHECK((out_flags & EFLAGS_SET) == EFLAGS_SET, "rflags %#lx: not all of CF PF AF ZF SF DF OF",
	      out_flags);
	for (int i = 0; i < 32; i++)
		CHECK(out_xmm[i] == NEW + 0x100 + (unsigned long)i, "xmm%d half %d is %#lx", i / 2,
		      i % 2, out_xmm[i]);
	CHECK((out_mxcsr & 0x6000) == MXCSR_RC_DOWN, "MXCSR %#x: rounding not down", out_mxcsr);
	CHECK(out_fcw == FCW_NEW, "x87 control word %#x, expected %#x", out_fcw, FCW_NEW);
	printf("15 general registers, rsp, rip, 7 flags, xmm0-15, MXCSR and FCW as the handler set them\n");
}

static void prepare(void)
{
	for (int i = 0; i < 32; i++)
		xmm_old[i] = OLD + 0x100 + (unsigned long)i;
}
#else
/*
 * out[n] = xn after the trap (n = 1..31, out[0] unused), out[32 + n] = fn, out[64] = fcsr.
 * t6 (x31) is the base of the stores: the handler sets it to out.
 */
#define NR_OUT 65
#define FCSR_NEW ((2UL << 5) | 1) /* frm = RDN (round down), fflags = NX */
unsigned long out[NR_OUT];
unsigned long f_old[32];
extern const char trap_resume[], trap_landing[];

void regs_across_trap(void);

__asm__(".text\n"
	".option push\n"
	".option arch, +d\n"
	".option norvc\n"			/* 4-byte ebreak and unimp */
	".globl regs_across_trap, trap_resume, trap_landing\n"
	"regs_across_trap:\n"
	"	addi	sp, sp, -128\n"
	"	sd	ra, 0(sp)\n"
	"	sd	gp, 8(sp)\n"
	"	sd	tp, 16(sp)\n"
	"	sd	s0, 24(sp)\n"
	"	sd	s1, 32(sp)\n"
	"	sd	s2, 40(sp)\n"
	"	sd	s3, 48(sp)\n"
	"	sd	s4, 56(sp)\n"
	"	sd	s5, 64(sp)\n"
	"	sd	s6, 72(sp)\n"
	"	sd	s7, 80(sp)\n"
	"	sd	s8, 88(sp)\n"
	"	sd	s9, 96(sp)\n"
	"	sd	s10, 104(sp)\n"
	"	sd	s11, 112(sp)\n"
	"	la	t0, saved_sp\n"
	"	sd	sp, 0(t0)\n"
	"	la	t0, f_old\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	fld	f\\n, 8 * \\n(t0)\n"
	"	.endr\n"
	"	fscsr	zero\n"
	"	li	x31, 0x5a5a\n"
	"	slli	x31, x31, 48\n"		/* x31 = OLD */
	"	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
	"	addi	x\\n, x31, \\n\n"
	"	.endr\n"
	"	addi	x31, x31, 31\n"
	"	ebreak\n"			/* SIGTRAP: the frame's pc is the ebreak */
	"trap_resume:\n"
	"	unimp\n"			/* the handler sends us past this */
	"trap_landing:\n"
	"	.irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	sd	x\\n, 8 * \\n(x31)\n"
	"	.endr\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	fsd	f\\n, 8 * (32 + \\n)(x31)\n"
	"	.endr\n"
	"	frcsr	t0\n"
	"	sd	t0, 8 * 64(x31)\n"
	"	fscsr	zero\n"
	"	la	t0, saved_sp\n"
	"	ld	sp, 0(t0)\n"
	"	ld	ra, 0(sp)\n"
	"	ld	gp, 8(sp)\n"
	"	ld	tp, 16(sp)\n"
	"	ld	s0, 24(sp)\n"
	"	ld	s1, 32(sp)\n"
	"	ld	s2, 40(sp)\n"
	"	ld	s3, 48(sp)\n"
	"	ld	s4, 56(sp)\n"
	"	ld	s5, 64(sp)\n"
	"	ld	s6, 72(sp)\n"
	"	ld	s7, 80(sp)\n"
	"	ld	s8, 88(sp)\n"
	"	ld	s9, 96(sp)\n"
	"	ld	s10, 104(sp)\n"
	"	ld	s11, 112(sp)\n"
	"	addi	sp, sp, 128\n"
	"	ret\n"
	".option pop\n");

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long *x = &uc->uc_mcontext.sc_regs.pc; /* x[0] = pc, x[n] = xn */

	(void)sig;
	(void)si;
	nr_traps++;
	CHECK(x[0] == (unsigned long)trap_resume - 4, "the frame's pc %#lx", x[0]);
	for (int n = 1; n < 32; n++)
		x[n] = NEW + (unsigned long)n;
	sp_at_trap = x[2];
	x[2] -= SP_MOVE;
	x[31] = (unsigned long)out;
	x[0] = (unsigned long)trap_landing;
	for (int n = 0; n < 32; n++)
		uc->uc_mcontext.sc_fpregs.d.f[n] = NEW + 0x100 + (unsigned long)n;
	uc->uc_mcontext.sc_fpregs.d.fcsr = FCSR_NEW;
}

static void check_registers(void)
{
	for (int n = 1; n < 31; n++) {
		unsigned long want = n == 2 ? sp_at_trap - SP_MOVE : NEW + (unsigned long)n;

		CHECK(out[n] == want, "x%d is %#lx after sigreturn, expected %#lx", n, out[n], want);
	}
	CHECK(out[31] == (unsigned long)out, "t6 is %#lx, expected %p", out[31], (void *)out);
	for (int n = 0; n < 32; n++)
		CHECK(out[32 + n] == NEW + 0x100 + (unsigned long)n, "f%d is %#lx", n, out[32 + n]);
	CHECK(out[64] == FCSR_NEW, "fcsr %#lx, expected %#lx", out[64], FCSR_NEW);
	printf("31 general registers, pc, f0-f31 and fcsr as the handler set them\n");
}

static void prepare(void)
{
	for (int n = 0; n < 32; n++)
		f_old[n] = OLD + 0x100 + (unsigned long)n;
}
#endif

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };

	CHECK_EQ(sigaction(SIGTRAP, &sa, NULL), 0);
	prepare();
	regs_across_trap();
	CHECK_EQ(nr_traps, 1);
	check_registers();
#if defined(__x86_64__)
	nr_traps = 0;
	red_zone_run = true;
	int intact = red_zone_across_trap();

	printf("red zone: %d of 16 quadwords intact\n", intact);
	CHECK_EQ(nr_traps, 1);
	CHECK_EQ(intact, 16);
#endif
	return 0;
}
