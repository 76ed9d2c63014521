/*
 * x86_64 control registers, MSRs, segment selectors and the instructions that reach
 * them (Intel SDM vol. 3A: 2.5 control registers, 2.2.1 EFER, 3.4.2 selectors).
 */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <asm/memory.h>

#define CR0_PE (_AC(1, UL) << 0)  /* protected mode */
#define CR0_WP (_AC(1, UL) << 16) /* supervisor writes honour read-only pages */
#define CR0_PG (_AC(1, UL) << 31) /* paging */

#define CR4_PAE  (_AC(1, UL) << 5)  /* 64-bit page-table entries (needed for long mode) */
#define CR4_PGE  (_AC(1, UL) << 7)  /* global pages survive CR3 reloads */
#define CR4_SMEP (_AC(1, UL) << 20) /* supervisor may not execute user pages */
#define CR4_SMAP (_AC(1, UL) << 21) /* supervisor may not touch user pages unless EFLAGS.AC */

#define MSR_EFER  0xc0000080
#define EFER_LME  (1 << 8)  /* long mode enable */
#define EFER_NXE  (1 << 11) /* the NX bit in page-table entries is honoured */

#define X86_EFLAGS_IF (_AC(1, UL) << 9)  /* interrupts enabled */
#define X86_EFLAGS_AC (_AC(1, UL) << 18) /* alignment check / SMAP override */

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
#define USER_DS   (GDT_ENTRY_USER_DS * 8 + 3)
#define USER_CS   (GDT_ENTRY_USER_CS * 8 + 3)
#define TSS_SEL   (GDT_ENTRY_TSS * 8)

#ifndef __ASSEMBLER__

#include <types.h>

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
