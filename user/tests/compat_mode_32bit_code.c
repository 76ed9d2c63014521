/* EXPECT: exit 0 */
/* DIFFERS: the x86_64 Linux this suite is compared with is a paravirtualised guest with no 32-bit user code segment (its far jump to selector 0x23 raises #GP: SIGSEGV); Faultline has Linux's usual GDT, where 0x23 is 32-bit user code */
/*
 * x86_64: a 64-bit program may far-jump into the 32-bit user code segment (selector
 * 0x23, Linux's __USER32_CS) and run 32-bit code there ("compatibility mode", Intel SDM
 * vol. 3A, 5.2.1). Faultline has no 32-bit system-call ABI, like Linux built without
 * IA32 emulation, but every way into the kernel from that mode must still end well:
 *
 *   `syscall`          (MSR_CSTAR) returns -ENOSYS in eax, whatever the number (999, or
 *                      20, getpid in the 32-bit ABI), and the code carries on
 *   `int $0x80`        no gate open to user mode: SIGSEGV SI_KERNEL
 *   a page fault       at the 32-bit address 0x1000: SIGSEGV SEGV_MAPERR, si_addr 0x1000
 *   `ud2`              SIGILL ILL_ILLOPN at the ud2
 *   `sysenter`         SIGSEGV (a null SYSENTER_CS: #GP) or SIGILL (#UD on AMD CPUs)
 *   interrupts         a 32-bit loop spins until a signal sent by a child arrives: the
 *                      timer must preempt it (so the child runs), and delivery must switch
 *                      to the 64-bit handler
 *
 * Each handler runs in 64-bit mode and sees cs = 0x23 in its frame; it points the
 * frame's rip at a 32-bit label, and rt_sigreturn must take the program back into
 * 32-bit mode there, as Linux's does. The 32-bit code runs on a stack below 4 GiB (esp
 * is 32 bits) and returns to 64-bit mode with a far jump to selector 0x33. Under the old
 * kernel the first `syscall` sent the CPU to address 0 in ring 0: a double fault.
 *
 * riscv64 has no such mode: there the test is a trivial pass.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__x86_64__)
#define USER32_CS 0x23
#define RESUMED   0x5e5e /* eax after a handler sent the 32-bit code to resume32 */

unsigned char stack32[16384] __aligned(16); /* the 32-bit code's stack: below 4 GiB */
unsigned long saved_rsp64;                   /* run32's rsp while in 32-bit mode */
struct __packed {
	unsigned int offset;
	unsigned short selector;
} to32;                                      /* the far pointer run32 jumps through */
volatile int nr_usr1;                        /* SIGUSR1s handled */

/* Run the 32-bit code at entry; it ends by jumping to exit32. Returns its eax. */
long run32(const void *entry);
extern const char sys32_unknown[], sys32_getpid[], int80_32[], fault32[], ud2_32[],
	ud2_32_insn[], sysenter32[], spin32[], resume32[];

__asm__(".text\n"
	".globl run32\n"
	"run32:\n"
	"	pushq	%rbx\n"
	"	pushq	%rbp\n"
	"	pushq	%r12\n"
	"	pushq	%r13\n"
	"	pushq	%r14\n"
	"	pushq	%r15\n"
	"	movq	%rsp, saved_rsp64(%rip)\n"
	"	leaq	enter32(%rip), %rax\n"
	"	movl	%eax, to32(%rip)\n"
	"	movw	$0x23, to32+4(%rip)\n"
	"	leaq	stack32+16384(%rip), %rsp\n"
	"	ljmpl	*to32(%rip)\n"		/* far jump: cs = 0x23, rip = enter32 */
	".code32\n"
	"enter32:\n"
	"	movl	%ss, %eax\n"		/* 32-bit code addresses memory through ds */
	"	movl	%eax, %ds\n"		/* and es, which a 64-bit process leaves null */
	"	movl	%eax, %es\n"
	"	jmp	*%edi\n"		/* entry, still in edi */
	"exit32:\n"
	"	ljmp	$0x33, $back64\n"	/* back to the 64-bit user code segment */
	".code64\n"
	"back64:\n"
	"	movq	saved_rsp64(%rip), %rsp\n"
	"	movslq	%eax, %rax\n"
	"	popq	%r15\n"
	"	popq	%r14\n"
	"	popq	%r13\n"
	"	popq	%r12\n"
	"	popq	%rbp\n"
	"	popq	%rbx\n"
	"	ret\n"
	".code32\n"
	".globl sys32_unknown, sys32_getpid, int80_32, fault32, ud2_32, ud2_32_insn\n"
	".globl sysenter32, spin32, resume32\n"
	"sys32_unknown:\n"
	"	movl	$999, %eax\n"
	"	syscall\n"
	"	jmp	exit32\n"
	"sys32_getpid:\n"
	"	movl	$20, %eax\n"		/* getpid in Linux's 32-bit table */
	"	syscall\n"
	"	jmp	exit32\n"
	"int80_32:\n"
	"	movl	$20, %eax\n"
	"	int	$0x80\n"
	"	jmp	exit32\n"
	"fault32:\n"
	"	movl	0x1000, %eax\n"		/* nothing is mapped at 4 KiB */
	"	jmp	exit32\n"
	"ud2_32:\n"
	"ud2_32_insn:\n"
	"	ud2\n"
	"sysenter32:\n"
	"	sysenter\n"
	"	jmp	exit32\n"
	"spin32:\n"
	"1:	cmpl	$0, nr_usr1\n"		/* until the SIGUSR1 handler has run */
	"	je	1b\n"
	"	movl	nr_usr1, %eax\n"
	"	jmp	exit32\n"
	"resume32:\n"
	"	movl	$0x5e5e, %eax\n"	/* RESUMED */
	"	jmp	exit32\n"
	".code64\n");

static siginfo_t got_info;
static unsigned long got_cs, got_trapno;

/* A fault in 32-bit code: record it, and resume at resume32, still in 32-bit mode. */
static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	got_info = *si;
	got_cs = uc->uc_mcontext.cs;
	got_trapno = uc->uc_mcontext.trapno;
	CHECK(got_cs == USER32_CS, "a fault in 32-bit code has cs %#lx in its frame", got_cs);
	uc->uc_mcontext.rip = (unsigned long)resume32;
}

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	/* The first SIGUSR1 may come before the parent is in its 32-bit loop: not counted. */
	if (uc->uc_mcontext.rip < (unsigned long)spin32 ||
	    uc->uc_mcontext.rip >= (unsigned long)resume32)
		return;
	CHECK(uc->uc_mcontext.cs == USER32_CS, "SIGUSR1 interrupted cs %#x, expected 0x23",
	      uc->uc_mcontext.cs);
	nr_usr1++;
}

/* Run entry, which must fault; return the signal, details in got_*. */
static int fault_in_32bit(const void *entry)
{
	long r;

	got_info.si_signo = 0;
	r = run32(entry);
	CHECK(r == RESUMED, "32-bit code at %p returned %ld, not through the handler", entry, r);
	return got_info.si_signo;
}

/* The child: SIGUSR1 to the parent every 2 ms, for at most 10 s. */
static int send_usr1(void *arg)
{
	struct timespec ts = { 0, 2000000 };
	pid_t parent = *(pid_t *)arg;

	for (int i = 0; i < 5000; i++) {
		if (kill(parent, SIGUSR1))
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	pid_t parent = getpid(), child;
	int sig;
	long r;

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGILL, &sa, NULL), 0);
	sa.sa_sigaction = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);

	r = run32(sys32_unknown);
	CHECK(r == -ENOSYS, "32-bit syscall 999 returned %ld", r);
	r = run32(sys32_getpid);
	CHECK(r == -ENOSYS, "32-bit syscall 20 returned %ld", r);
	printf("32-bit syscall: -ENOSYS\n");

	sig = fault_in_32bit(int80_32);
	CHECK(sig == SIGSEGV && got_info.si_code == SI_KERNEL && got_trapno == 13,
	      "int $0x80: signal %d code %d trapno %lu", sig, got_info.si_code, got_trapno);
	printf("int $0x80: SIGSEGV SI_KERNEL\n");

	sig = fault_in_32bit(fault32);
	CHECK(sig == SIGSEGV && got_info.si_code == SEGV_MAPERR &&
	      got_info.si_addr == (void *)0x1000 && got_trapno == 14,
	      "read of 0x1000: signal %d code %d addr %p trapno %lu", sig, got_info.si_code,
	      got_info.si_addr, got_trapno);
	printf("page fault: SIGSEGV SEGV_MAPERR at 0x1000\n");

	sig = fault_in_32bit(ud2_32);
	CHECK(sig == SIGILL && got_info.si_code == ILL_ILLOPN &&
	      got_info.si_addr == (void *)ud2_32_insn, "ud2: signal %d code %d addr %p", sig,
	      got_info.si_code, got_info.si_addr);
	printf("ud2: SIGILL ILL_ILLOPN\n");

	sig = fault_in_32bit(sysenter32);
	CHECK(sig == SIGSEGV || sig == SIGILL, "sysenter: signal %d", sig);
	note("sysenter: %s", sig == SIGSEGV ? "#GP, SIGSEGV" : "#UD, SIGILL");
	printf("sysenter: refused\n");

	child = fork();
	CHECK(child >= 0, "fork: %d", child);
	if (child == 0)
		_exit(send_usr1(&parent));
	r = run32(spin32);
	kill(child, SIGKILL);
	wait_child(child, 0);
	CHECK(r >= 1, "the 32-bit loop ended with %ld SIGUSR1s", r);
	printf("a signal interrupted 32-bit code and returned to it\n");

	CHECK_EQ(getpid(), parent); /* 64-bit system calls still work */
	return 0;
}
#else
int main(void)
{
	printf("x86_64 only\n");
	return 0;
}
#endif
