/* Declarations shared inside arch/x86_64 only. */
#ifndef X86_PRIVATE_H
#define X86_PRIVATE_H

#include <types.h>

struct pt_regs;

/* Exception vectors (Intel SDM vol. 3A, table 6-1). */
#define X86_TRAP_DE  0  /* divide error */
#define X86_TRAP_DB  1  /* debug */
#define X86_TRAP_BP  3  /* breakpoint (int3) */
#define X86_TRAP_OF  4  /* overflow (into; `int $4` in long mode) */
#define X86_TRAP_NM  7  /* device not available */
#define X86_TRAP_NP  11 /* segment not present */
#define DR6_BS       (1UL << 14) /* debug status: single step */
#define DR6_RESERVED 0xffff0ff0UL /* DR6 with no cause: the bits that read 1 at rest */
#define X86_TRAP_MF  16 /* x87 floating-point error */
#define X86_TRAP_AC  17 /* alignment check */
#define X86_TRAP_XM  19 /* SIMD floating-point exception */
#define X86_TRAP_UD  6  /* invalid opcode */
#define X86_TRAP_DF  8  /* double fault */
#define X86_TRAP_SS  12 /* stack-segment fault */
#define X86_TRAP_GP  13 /* general protection */
#define X86_TRAP_PF  14 /* page fault */
#define IRQ_BASE     32 /* the legacy PIC's IRQ 0-15 arrive at vectors 32-47 */
#define IRQ_TIMER    (IRQ_BASE + 0)
#define IRQ_COM1     (IRQ_BASE + 4)
#define IRQ_SPURIOUS_MASTER (IRQ_BASE + 7)
#define IRQ_SPURIOUS_SLAVE  (IRQ_BASE + 15)
#define VECTOR_SPURIOUS 255

/* #PF error code bits (SDM 3A, 4.7, figure 4-12). */
#define X86_PF_PROT  (1 << 0) /* 1: protection violation; 0: page not present */
#define X86_PF_WRITE (1 << 1) /* 1: write; 0: read */
#define X86_PF_USER  (1 << 2) /* 1: from user mode (CPL 3) */
#define X86_PF_RSVD  (1 << 3) /* 1: a reserved bit was set in a paging entry */
#define X86_PF_INSTR (1 << 4) /* 1: instruction fetch */
#define X86_PF_PK    (1 << 5) /* 1: protection-key violation */

/* The last page fault seen, kept for tests and for looking at in gdb. */
struct x86_fault_record {
	unsigned long addr;  /* CR2 */
	unsigned long error; /* the error code */
	unsigned long count; /* page faults so far */
};
extern struct x86_fault_record x86_last_page_fault;

extern u64 tsc_frequency;
extern bool x86_smep_enabled;

/* The name of an IDT vector ("page fault"). */
const char *x86_vector_name(unsigned long vector);
/* Describe a #PF error code in words into buf ("protection violation, write, kernel"). */
void x86_pf_error_describe(unsigned long error, char *buf, size_t size);
/* Calibrate the TSC, and switch SMEP and SMAP on where CPUID has them. */
void x86_cpu_init(void);
/* TSC counts per second, measured against 50 ms of PIT channel 2. */
u64 x86_calibrate_tsc(void);
/* Remap the 8259 PICs to vectors 32-47; unmask the timer (IRQ 0) and COM1 (IRQ 4). */
void x86_pic_init(void);
/* End of interrupt for irq (both PICs for irq >= 8). */
void x86_pic_eoi(unsigned int irq);
/* True if IRQ 7 or 15 was spurious (nothing in service): then send no EOI. */
bool x86_pic_spurious(unsigned int irq);
/* IRQ 0: count a tick and acknowledge it. */
void x86_timer_interrupt(void);
/* The C half of every trap and system call (entry.S): dispatch on the vector. */
void handle_trap(struct pt_regs *regs);
/* #PF (arch/x86_64/mm/fault.c): decode CR2 and the error code, hand over to the core. */
void do_page_fault(struct pt_regs *regs);
/* A #PF's FAULT_FLAG_* from its error code and the saved cs (arch/x86_64/mm/fault.c). */
unsigned int x86_pf_flags(unsigned long error, unsigned long cs);
/*
 * The signal for a user-mode exception (Linux's do_trap() for user mode): record the
 * vector and error code for the signal frame (thread_struct), print the one-line report
 * if the signal will kill, and force sig with code and addr (SI_KERNEL: no address).
 */
void x86_trap_signal(struct pt_regs *regs, unsigned long trapno, unsigned long error, int sig,
		     int code, unsigned long addr, const char *what);
/* The kernel stack that traps and system calls from user mode switch to. */
void x86_set_kernel_stack(unsigned long top);
/* Program the syscall MSRs (STAR, LSTAR, CSTAR, FMASK, SYSENTER_*), enable syscall in EFER. */
void x86_syscall_init(void);
/* A system call: run it with interrupts on; the result goes in rax. */
void x86_do_syscall(struct pt_regs *regs);
/* Let user mode use x87/SSE; record the clean state new programs start with. */
void x86_fpu_init(void);
/* FPU state straight to or from a user FXSAVE image (copy.S): 0 or -EFAULT. */
long x86_fxsave_user(void *buf);
long x86_fxrstor_user(const void *buf); /* buf: a user address */
extern u32 x86_mxcsr_mask; /* MXCSR bits a user may set (others make fxrstor fault) */
/* Point the TSS's ring-0 stack (used by traps from user mode) at rsp0. */
void x86_tss_set_rsp0(unsigned long rsp0);

#endif
