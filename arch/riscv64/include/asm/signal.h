/*
 * riscv64's part of the signal ABI (Linux's arch/riscv/include/uapi/asm/sigcontext.h,
 * ucontext.h, ptrace.h, and the frame of arch/riscv/kernel/signal.c). Shared by the
 * kernel and user/. A handler runs with a0 = signal, a1 = &frame->info, a2 = &frame->uc,
 * sp = frame, and ra = the sigreturn trampoline the kernel maps into every process
 * (Linux's vDSO __vdso_rt_sigreturn). riscv64 has no SA_RESTORER.
 */
#ifndef ASM_SIGNAL_H
#define ASM_SIGNAL_H

#include <uapi/signal.h>

/* The arch's own sa_flags bits that rt_sigaction reads back (Linux's
 * __ARCH_UAPI_SA_FLAGS): none: riscv64 has no SA_RESTORER. */
#define ARCH_UAPI_SA_FLAGS 0

struct kernel_sigaction {
	void *sa_handler;        /* SIG_DFL, SIG_IGN, or the handler */
	unsigned long sa_flags;  /* SA_* */
	kernel_sigset_t sa_mask; /* blocked while the handler runs */
};

/* pc and x1-x31: Linux's struct user_regs_struct. */
struct user_regs_struct {
	unsigned long pc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4, t5, t6;
};

/* The floating-point registers, as the largest (Q) layout so the union has Linux's size. */
struct __riscv_d_ext_state {
	unsigned long long f[32];
	unsigned int fcsr;
};

struct __riscv_q_ext_state {
	unsigned long long f[64] __attribute__((aligned(16)));
	unsigned int fcsr;
	unsigned int reserved[3];
};

union __riscv_fp_state {
	struct __riscv_d_ext_state d;
	struct __riscv_q_ext_state q;
};

struct sigcontext {
	struct user_regs_struct sc_regs;
	union __riscv_fp_state sc_fpregs;
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;               /* the alternate stack at delivery */
	kernel_sigset_t uc_sigmask;     /* the mask to restore */
	unsigned char __unused[1024 / 8 - sizeof(kernel_sigset_t)];
	struct sigcontext uc_mcontext;  /* 16-byte aligned */
};

struct rt_sigframe {
	siginfo_t info;
	struct ucontext uc;
};

_Static_assert(sizeof(struct user_regs_struct) == 256, "pc + 31 registers");
_Static_assert(__builtin_offsetof(struct ucontext, uc_mcontext) == 176, "uc_mcontext at 176");
_Static_assert(sizeof(struct sigcontext) == 256 + 528, "Linux's riscv64 sigcontext");

#endif
