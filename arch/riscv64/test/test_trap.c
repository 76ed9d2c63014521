/* riscv64 trap entry: causes decode by name, and a trap keeps every register intact. */
#include <asm/csr.h>
#include <asm/memory.h>
#include <kernel/test/ktest.h>
#include <lib/string.h>
#include "../kernel/riscv.h"

long riscv_trap_preserves_regs(unsigned long bad_addr);

KTEST(riscv_scause_names)
{
	KEXPECT_STREQ(riscv_cause_name(EXC_LOAD_PAGE_FAULT), "load page fault");
	KEXPECT_STREQ(riscv_cause_name(EXC_STORE_PAGE_FAULT), "store/AMO page fault");
	KEXPECT_STREQ(riscv_cause_name(EXC_INST_PAGE_FAULT), "instruction page fault");
	KEXPECT_STREQ(riscv_cause_name(EXC_ILLEGAL_INST), "illegal instruction");
	KEXPECT_STREQ(riscv_cause_name(CAUSE_INTERRUPT | IRQ_S_TIMER), "supervisor timer interrupt");
	KEXPECT_STREQ(riscv_cause_name(14), "unknown exception"); /* reserved code */
}

KTEST(riscv_trap_preserves_registers)
{
	/* 0: the load faulted, was fixed up, and all of x1-x31 came back unchanged. */
	KEXPECT_EQ(riscv_trap_preserves_regs(VMALLOC_START + 0x9000), 0);
}
