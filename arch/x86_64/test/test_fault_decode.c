/*
 * The x86_64 #PF decode, fed made-up error codes (Intel SDM vol. 3A, 4.7) and saved cs
 * values: each bit alone and together, from each privilege level, and each flag checked
 * by name. The lab "traps" grades it.
 */
#include <asm/processor.h>
#include <kernel/test/ktest.h>
#include <mm/fault.h>
#include "../kernel/x86.h"

/* LAB: traps 40 */
KTEST(fault_decode_flags)
{
	unsigned int f;

	/* A read of a not-present page from user mode: only USER on top of the defaults. */
	f = x86_pf_flags(X86_PF_USER, USER_CS);
	KEXPECT(f & FAULT_FLAG_USER);
	KEXPECT(!(f & FAULT_FLAG_WRITE));
	KEXPECT(!(f & FAULT_FLAG_INSTRUCTION));
	KEXPECT_EQ(f & FAULT_FLAG_DEFAULT, FAULT_FLAG_DEFAULT);

	/* A write to a read-only page from user mode: P tells nothing the core needs. */
	f = x86_pf_flags(X86_PF_PROT | X86_PF_WRITE | X86_PF_USER, USER_CS);
	KEXPECT(f & FAULT_FLAG_USER);
	KEXPECT(f & FAULT_FLAG_WRITE);
	KEXPECT(!(f & FAULT_FLAG_INSTRUCTION));

	/* A fetch from a no-execute page from user mode. */
	f = x86_pf_flags(X86_PF_PROT | X86_PF_INSTR | X86_PF_USER, USER_CS);
	KEXPECT(f & FAULT_FLAG_USER);
	KEXPECT(!(f & FAULT_FLAG_WRITE));
	KEXPECT(f & FAULT_FLAG_INSTRUCTION);

	/* The same from the kernel (copy_to_user, exec's probe): never USER. */
	f = x86_pf_flags(0, KERNEL_CS);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT);
	f = x86_pf_flags(X86_PF_WRITE, KERNEL_CS);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT | FAULT_FLAG_WRITE);
	f = x86_pf_flags(X86_PF_INSTR, KERNEL_CS);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT | FAULT_FLAG_INSTRUCTION);

	/* USER is the CPL in cs, not the U/S bit: an implicit supervisor access made for a
	 * user instruction has U/S clear (SDM 3A, 4.6), and a kernel access never has it. */
	f = x86_pf_flags(X86_PF_WRITE, USER_CS);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT | FAULT_FLAG_USER | FAULT_FLAG_WRITE);
	f = x86_pf_flags(X86_PF_USER, KERNEL_CS);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT);

	/* The protection-key bit adds nothing. */
	f = x86_pf_flags(X86_PF_PROT | X86_PF_PK | X86_PF_USER, USER_CS);
	KEXPECT_EQ(f, FAULT_FLAG_DEFAULT | FAULT_FLAG_USER);
}
