/*
 * The riscv64 page-fault decode, fed made-up traps: each of the three page-fault causes
 * (RISC-V privileged spec, table 4.2) from each mode (sstatus.SPP, 4.1.1), and each flag
 * checked by name. The lab "traps" grades it.
 */
#include <asm/csr.h>
#include <kernel/test/ktest.h>
#include <mm/fault.h>
#include "../kernel/riscv.h"

/* LAB: traps 40 */
KTEST(fault_decode_flags)
{
	unsigned long from_user = 0, from_kernel = SSTATUS_SPP;
	unsigned int f;

	/* A load from user mode: a read; only USER on top of the defaults. */
	f = riscv_fault_flags(EXC_LOAD_PAGE_FAULT, from_user);
	KEXPECT(f & FAULT_FLAG_USER);
	KEXPECT(!(f & FAULT_FLAG_WRITE));
	KEXPECT(!(f & FAULT_FLAG_INSTRUCTION));
	KEXPECT_EQ(f & FAULT_FLAG_DEFAULT, FAULT_FLAG_DEFAULT);

	/* A store from user mode. */
	f = riscv_fault_flags(EXC_STORE_PAGE_FAULT, from_user);
	KEXPECT(f & FAULT_FLAG_USER);
	KEXPECT(f & FAULT_FLAG_WRITE);
	KEXPECT(!(f & FAULT_FLAG_INSTRUCTION));

	/* A fetch from user mode: an instruction, never a write. */
	f = riscv_fault_flags(EXC_INST_PAGE_FAULT, from_user);
	KEXPECT(f & FAULT_FLAG_USER);
	KEXPECT(!(f & FAULT_FLAG_WRITE));
	KEXPECT(f & FAULT_FLAG_INSTRUCTION);

	/* The same three from S-mode (copy_to_user, exec's probe): never USER. */
	f = riscv_fault_flags(EXC_LOAD_PAGE_FAULT, from_kernel);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT);
	f = riscv_fault_flags(EXC_STORE_PAGE_FAULT, from_kernel);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT | FAULT_FLAG_WRITE);
	f = riscv_fault_flags(EXC_INST_PAGE_FAULT, from_kernel);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT | FAULT_FLAG_INSTRUCTION);

	/* Other sstatus bits (SIE, SPIE, SUM) say nothing about the fault. */
	f = riscv_fault_flags(EXC_STORE_PAGE_FAULT, from_user | SSTATUS_SUM | SSTATUS_SPIE);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT | FAULT_FLAG_USER | FAULT_FLAG_WRITE);
}
