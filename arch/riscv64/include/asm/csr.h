/*
 * Supervisor CSRs and their bits (RISC-V privileged spec v1.12, chapter 4), and
 * helpers to read and write them from C.
 */
#ifndef ASM_CSR_H
#define ASM_CSR_H

#include <asm/memory.h>

/* sstatus (4.1.1) */
#define SSTATUS_SIE  (_AC(1, UL) << 1)  /* supervisor interrupts enabled */
#define SSTATUS_SPIE (_AC(1, UL) << 5)  /* SIE before the trap */
#define SSTATUS_SPP  (_AC(1, UL) << 8)  /* privilege before the trap: 1 = S, 0 = U */
#define SSTATUS_FS   (_AC(3, UL) << 13) /* floating-point state: Off, Initial, Clean, Dirty */
#define SSTATUS_FS_INITIAL (_AC(1, UL) << 13)
#define SSTATUS_SUM  (_AC(1, UL) << 18) /* S-mode may access U pages */
#define SSTATUS_MXR  (_AC(1, UL) << 19) /* loads from execute-only pages allowed */

/* sie / sip (4.1.3) */
#define SIE_SSIE (_AC(1, UL) << 1) /* software interrupt */
#define SIE_STIE (_AC(1, UL) << 5) /* timer interrupt */
#define SIE_SEIE (_AC(1, UL) << 9) /* external interrupt */

/* scounteren (4.1.5): which counters U-mode may read; a clear bit makes the read illegal. */
#define SCOUNTEREN_CY (_AC(1, UL) << 0) /* cycle */
#define SCOUNTEREN_TM (_AC(1, UL) << 1) /* time */
#define SCOUNTEREN_IR (_AC(1, UL) << 2) /* instret */

/* scause (4.1.9): the top bit says interrupt, the rest is the code. */
#define CAUSE_INTERRUPT (_AC(1, UL) << 63)
#define IRQ_S_SOFT  1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT   9

#define EXC_INST_MISALIGNED  0
#define EXC_INST_ACCESS      1
#define EXC_ILLEGAL_INST     2
#define EXC_BREAKPOINT       3
#define EXC_LOAD_MISALIGNED  4
#define EXC_LOAD_ACCESS      5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS     7
#define EXC_ECALL_U          8
#define EXC_ECALL_S          9
#define EXC_INST_PAGE_FAULT  12 /* instruction fetch from a page without X (or not present) */
#define EXC_LOAD_PAGE_FAULT  13 /* load from a page without R (or not present) */
#define EXC_STORE_PAGE_FAULT 15 /* store/AMO to a page without W (or not present) */

/* satp (4.1.11): MODE in bits 63:60, PPN of the root table in bits 43:0. */
#define SATP_MODE_SV39 (_AC(8, UL) << 60)

#ifndef __ASSEMBLER__

#define csr_read(csr)                                              \
	({                                                         \
		unsigned long __v;                                 \
		__asm__ __volatile__("csrr %0, " #csr : "=r"(__v) : : "memory"); \
		__v;                                               \
	})

#define csr_write(csr, val) \
	__asm__ __volatile__("csrw " #csr ", %0" : : "rK"(val) : "memory")

#define csr_set(csr, bits) \
	__asm__ __volatile__("csrs " #csr ", %0" : : "rK"(bits) : "memory")

#define csr_clear(csr, bits) \
	__asm__ __volatile__("csrc " #csr ", %0" : : "rK"(bits) : "memory")

/* Read-and-clear in one instruction: returns the old value. */
#define csr_read_clear(csr, bits)                                                  \
	({                                                                         \
		unsigned long __v;                                                 \
		__asm__ __volatile__("csrrc %0, " #csr ", %1" : "=r"(__v) : "rK"(bits) : "memory"); \
		__v;                                                               \
	})

#endif
#endif
