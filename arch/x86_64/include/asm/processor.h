/*
 * x86_64 control registers, MSRs, segment selectors and the instructions that reach
 * them (Intel SDM vol. 3A: 2.5 control registers, 2.2.1 EFER, 3.4.2 selectors).
 */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <asm/memory.h>

#define CR0_PE (_AC(1, UL) << 0)  /* protected mode */
#define CR0_MP (_AC(1, UL) << 1)  /* WAIT/FWAIT obey TS */
#define CR0_EM (_AC(1, UL) << 2)  /* no x87 (emulate): must be clear to use SSE */
#define CR0_TS (_AC(1, UL) << 3)  /* task switched: lazy FPU trap (unused) */
#define CR0_NE (_AC(1, UL) << 5)  /* x87 errors raise #MF (clear: the legacy FERR# pin) */
#define CR0_WP (_AC(1, UL) << 16) /* supervisor writes honour read-only pages */
#define CR0_PG (_AC(1, UL) << 31) /* paging */

#define CR4_PAE  (_AC(1, UL) << 5)  /* 64-bit page-table entries (needed for long mode) */
#define CR4_PGE  (_AC(1, UL) << 7)  /* global pages survive CR3 reloads */
#define CR4_OSFXSR     (_AC(1, UL) << 9)  /* FXSAVE/FXRSTOR and SSE allowed */
#define CR4_OSXMMEXCPT (_AC(1, UL) << 10) /* SSE exceptions go to #XM */
#define CR4_SMEP (_AC(1, UL) << 20) /* supervisor may not execute user pages */
#define CR4_SMAP (_AC(1, UL) << 21) /* supervisor may not touch user pages unless EFLAGS.AC */

#define MSR_EFER  0xc0000080
#define MSR_STAR  0xc0000081 /* segment selectors for syscall/sysret */
#define MSR_LSTAR 0xc0000082 /* 64-bit syscall entry point */
#define MSR_CSTAR 0xc0000083 /* syscall entry point from compatibility (32-bit) mode */
#define MSR_FMASK 0xc0000084 /* rflags bits syscall clears */
#define MSR_IA32_SYSENTER_CS  0x174 /* sysenter's code segment; 0: sysenter raises #GP */
#define MSR_IA32_SYSENTER_ESP 0x175 /* sysenter's stack pointer */
#define MSR_IA32_SYSENTER_EIP 0x176 /* sysenter's entry point */
#define MSR_FS_BASE 0xc0000100 /* the FS segment's base in 64-bit mode (SDM vol. 3A, 3.4.4.1) */
#define MSR_GS_BASE 0xc0000101 /* the GS segment's base */
#define EFER_SCE  (1 << 0)  /* syscall/sysret enable */
#define EFER_LME  (1 << 8)  /* long mode enable */
#define EFER_NXE  (1 << 11) /* the NX bit in page-table entries is honoured */

/* rflags (Intel SDM vol. 1, 3.4.3, figure 3-8). */
#define X86_EFLAGS_CF   (_AC(1, UL) << 0)  /* carry */
#define X86_EFLAGS_PF   (_AC(1, UL) << 2)  /* parity */
#define X86_EFLAGS_AF   (_AC(1, UL) << 4)  /* auxiliary carry */
#define X86_EFLAGS_ZF   (_AC(1, UL) << 6)  /* zero */
#define X86_EFLAGS_SF   (_AC(1, UL) << 7)  /* sign */
#define X86_EFLAGS_TF   (_AC(1, UL) << 8)  /* single-step trap */
#define X86_EFLAGS_IF   (_AC(1, UL) << 9)  /* interrupts enabled */
#define X86_EFLAGS_DF   (_AC(1, UL) << 10) /* string ops go down */
#define X86_EFLAGS_OF   (_AC(1, UL) << 11) /* overflow */
#define X86_EFLAGS_IOPL (_AC(3, UL) << 12) /* I/O privilege level */
#define X86_EFLAGS_NT   (_AC(1, UL) << 14) /* nested task: iret in long mode #GPs if set */
#define X86_EFLAGS_RF   (_AC(1, UL) << 16) /* resume: no instruction breakpoint once */
#define X86_EFLAGS_AC   (_AC(1, UL) << 18) /* alignment check / SMAP override */
#define X86_EFLAGS_ID   (_AC(1, UL) << 21) /* cpuid is there (toggleable) */

/* GDT layout (Linux's, so that syscall/sysret selectors fit later). */
#define GDT_ENTRY_KERNEL_CS 2
#define GDT_ENTRY_KERNEL_DS 3
#define GDT_ENTRY_USER32_CS 4
#define GDT_ENTRY_USER_DS   5
#define GDT_ENTRY_USER_CS   6
#define GDT_ENTRY_TSS       8 /* a 16-byte descriptor: entries 8 and 9 */
#define GDT_ENTRIES         10
#define KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define USER32_CS (GDT_ENTRY_USER32_CS * 8 + 3)
#define USER_DS   (GDT_ENTRY_USER_DS * 8 + 3)
#define USER_CS   (GDT_ENTRY_USER_CS * 8 + 3)
#define TSS_SEL   (GDT_ENTRY_TSS * 8)

#ifndef __ASSEMBLER__

#include <types.h>

/* What x86 keeps per task beyond the registers (Linux's struct thread_struct). */
struct thread_struct {
	unsigned long trap_nr;    /* the last user-mode exception's vector: sigcontext.trapno */
	unsigned long error_code; /* its error code: sigcontext.err */
	unsigned long cr2;        /* its address (a page fault's CR2): sigcontext.cr2 */
};

static inline unsigned long read_cr0(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline unsigned long read_cr2(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline unsigned long read_cr3(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline unsigned long read_cr4(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32)));
}

static inline void write_cr0(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline void cpuid(u32 leaf, u32 subleaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(subleaf));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void outb(u16 port, u8 val)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(val), "Nd"(port));
}

static inline void outw(u16 port, u16 val)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(val), "Nd"(port));
}

static inline void outl(u16 port, u32 val)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(val), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#endif
#endif
