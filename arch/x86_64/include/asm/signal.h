/*
 * x86_64's part of the signal ABI (Linux's arch/x86/include/uapi/asm/signal.h,
 * sigcontext.h, and the frame of arch/x86/include/asm/sigframe.h). Shared by the kernel
 * and user/. A handler runs with rdi = signal, rsi = &frame->info, rdx = &frame->uc and
 * rsp = frame, so its `ret` pops pretcode: the libc's sa_restorer, which must call
 * rt_sigreturn. Linux requires SA_RESTORER on x86_64, and so does Faultline.
 */
#ifndef ASM_SIGNAL_H
#define ASM_SIGNAL_H

#include <uapi/signal.h>

/* The arch's own sa_flags bits that rt_sigaction reads back (Linux's
 * __ARCH_UAPI_SA_FLAGS): the libc's sa_restorer. */
#define ARCH_UAPI_SA_FLAGS SA_RESTORER

struct kernel_sigaction {
	void *sa_handler;        /* SIG_DFL, SIG_IGN, or the handler */
	unsigned long sa_flags;  /* SA_* */
	void *sa_restorer;       /* returns from the handler into rt_sigreturn */
	kernel_sigset_t sa_mask; /* blocked while the handler runs */
};

/* The registers as the handler sees them and rt_sigreturn restores them. */
struct sigcontext {
	unsigned long r8, r9, r10, r11, r12, r13, r14, r15;
	unsigned long rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	unsigned long eflags;
	unsigned short cs, gs, fs, ss;
	unsigned long err;      /* the exception's error code (#PF: P W U R I bits) */
	unsigned long trapno;   /* the exception vector (14 for a page fault) */
	unsigned long oldmask;
	unsigned long cr2;      /* the faulting address of a page fault */
	void *fpstate;          /* the FXSAVE image (512 bytes) on the frame, or NULL */
	unsigned long reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;       /* UC_* */
	struct ucontext *uc_link;
	stack_t uc_stack;             /* the alternate stack at delivery */
	struct sigcontext uc_mcontext;
	kernel_sigset_t uc_sigmask;   /* the mask to restore */
};

#define UC_FP_XSTATE         0x1
#define UC_SIGCONTEXT_SS     0x2
#define UC_STRICT_RESTORE_SS 0x4

struct rt_sigframe {
	void *pretcode;       /* the handler's return address: sa_restorer */
	struct ucontext uc;
	siginfo_t info;
	/* the 512-byte FXSAVE image follows, 16-byte aligned (uc.uc_mcontext.fpstate) */
};

_Static_assert(sizeof(struct sigcontext) == 256, "Linux's x86_64 sigcontext");
_Static_assert(__builtin_offsetof(struct ucontext, uc_sigmask) == 296, "uc_sigmask at 296");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 312, "info at 312");

#endif
