/*
 * Signals in Linux's user ABI, the parts riscv64 and x86_64 share (Linux's
 * include/uapi/asm-generic/signal*.h and siginfo.h). The per-arch parts (struct
 * kernel_sigaction, the signal frame) are in asm/signal.h. Shared by the kernel and user/.
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#include <stddef.h>

#define _NSIG 64 /* signals 1..64; 32..64 are the real-time ones */
#define SIGRTMIN 32 /* the kernel's; glibc keeps 32 and 33 for itself and says 34 */
#define SIGRTMAX _NSIG

/* The kernel's signal set: bit (n - 1) for signal n. (glibc's sigset_t is bigger.) */
typedef struct {
	unsigned long sig[1];
} kernel_sigset_t;

/* rt_sigprocmask() how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SIG_DFL ((void *)0)
#define SIG_IGN ((void *)1)

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001 /* no SIGCHLD when children stop or continue */
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004 /* handler(sig, siginfo_t *, ucontext *) */
#define SA_RESTORER  0x04000000 /* sa_restorer is the return trampoline (x86_64) */
#define SA_ONSTACK   0x08000000 /* run on the alternate stack */
#define SA_RESTART   0x10000000 /* restart interrupted system calls */
#define SA_NODEFER   0x40000000 /* do not block the signal while its handler runs */
#define SA_RESETHAND 0x80000000 /* back to SIG_DFL once delivered */

/* sigaltstack() */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ   2048
#define SIGSTKSZ      8192

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

/* si_code: who sent it and why. */
#define SI_USER       0     /* kill() */
#define SI_KERNEL     0x80  /* the kernel */
#define SI_QUEUE      (-1)  /* sigqueue(), rt_sigqueueinfo() */
#define SI_TKILL      (-6)  /* tgkill() */
#define ILL_ILLOPC    1     /* illegal opcode */
#define ILL_ILLOPN    2     /* illegal operand (x86 #UD) */
#define FPE_INTDIV    1     /* integer divide by zero */
#define SEGV_MAPERR   1     /* no mapping at the address */
#define SEGV_ACCERR   2     /* a mapping, but it forbids the access */
#define BUS_ADRALN    1     /* misaligned address */
#define BUS_ADRERR    2     /* nonexistent physical address (past the end of a file) */
#define BUS_MCEERR_AR 4     /* hardware memory error (poisoned page), action required */
#define TRAP_BRKPT    1     /* breakpoint */
#define TRAP_TRACE    2     /* single step */
#define FPE_FLTDIV    3     /* floating-point divide by zero */
#define FPE_FLTOVF    4     /* floating-point overflow */
#define FPE_FLTUND    5     /* floating-point underflow */
#define FPE_FLTRES    6     /* floating-point inexact result */
#define FPE_FLTINV    7     /* floating-point invalid operation */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* The value sigqueue() passes along with a signal (si_value). */
union sigval {
	int sival_int;
	void *sival_ptr;
};

/* siginfo_t: 128 bytes; the union starts at offset 16. */
typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[28];
		struct {             /* kill(), tgkill() */
			int pid;
			unsigned int uid;
		} kill;
		struct {             /* sigqueue(), rt_sigqueueinfo() */
			int pid;
			unsigned int uid;
			union sigval sigval;
		} rt;
		struct {             /* SIGCHLD */
			int pid;
			unsigned int uid;
			int status;
			long utime;
			long stime;
		} sigchld;
		struct {             /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			void *addr;
			short addr_lsb; /* BUS_MCEERR_*: log2 of the poisoned range */
		} sigfault;
	} _sifields;
} siginfo_t;

#define si_pid    _sifields.kill.pid
#define si_uid    _sifields.kill.uid
#define si_status _sifields.sigchld.status
#define si_value  _sifields.rt.sigval
#define si_int    _sifields.rt.sigval.sival_int
#define si_ptr    _sifields.rt.sigval.sival_ptr
#define si_addr   _sifields.sigfault.addr
#define si_addr_lsb _sifields.sigfault.addr_lsb

_Static_assert(sizeof(siginfo_t) == 128, "Linux's siginfo_t is 128 bytes");
_Static_assert(offsetof(siginfo_t, _sifields) == 16, "the union starts at 16");
_Static_assert(offsetof(siginfo_t, si_value) == 24, "si_value at 24");

#endif
