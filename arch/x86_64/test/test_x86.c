/* x86_64 specifics: #PF error codes, CPU protections, the IDT and the double-fault stack. */
#include <arch.h>
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <errno.h>
#include <kernel/panic.h>
#include <kernel/test/ktest.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/pgtable.h>
#include "../kernel/x86.h"

KTEST(x86_pf_error_describe)
{
	char buf[96];

	x86_pf_error_describe(0, buf, sizeof(buf));
	KEXPECT_STREQ(buf, "page not present, read, kernel mode");
	x86_pf_error_describe(X86_PF_PROT | X86_PF_WRITE, buf, sizeof(buf));
	KEXPECT_STREQ(buf, "protection violation, write, kernel mode");
	x86_pf_error_describe(X86_PF_PROT | X86_PF_INSTR | X86_PF_USER, buf, sizeof(buf));
	KEXPECT_STREQ(buf, "protection violation, instruction fetch, user mode");
	x86_pf_error_describe(X86_PF_RSVD | X86_PF_PK, buf, sizeof(buf));
	KEXPECT_STREQ(buf, "page not present, read, kernel mode, reserved bit set, protection key");
}

static const u64 rodata_target = 1;
static u8 data_target[16] = { 1 };

/* Each faulting access leaves its CR2 and error code in x86_last_page_fault. */
KTEST(x86_pf_error_codes_live)
{
	unsigned long unmapped = VMALLOC_START + 0x4000, user_va = 0x10000000;
	struct page *page = alloc_zeroed_page();
	u64 val = 0;

	KEXPECT_EQ(get_kernel_nofault(val, (u64 *)unmapped), -EFAULT);
	KEXPECT_EQ(x86_last_page_fault.addr, unmapped);
	KEXPECT_EQ(x86_last_page_fault.error, 0); /* not present, read, kernel */

	KEXPECT_EQ(copy_to_kernel_nofault((void *)&rodata_target, &val, 1), -EFAULT);
	KEXPECT_EQ(x86_last_page_fault.addr, (unsigned long)&rodata_target);
	KEXPECT_EQ(x86_last_page_fault.error, X86_PF_PROT | X86_PF_WRITE);

	memcpy(data_target, exec_probe_ret_insn, 1);
	KEXPECT_EQ(arch_exec_probe(data_target), -EFAULT);
	KEXPECT_EQ(x86_last_page_fault.addr, (unsigned long)data_target);
	KEXPECT_EQ(x86_last_page_fault.error, X86_PF_PROT | X86_PF_INSTR); /* NX */

	KEXPECT(page != NULL);
	if (!page)
		return;
	KEXPECT_EQ(map_page(kernel_pgtable, user_va, page_to_phys(page), PAGE_R | PAGE_W | PAGE_X | PAGE_U), 0);
	KEXPECT_EQ(get_kernel_nofault(val, (u64 *)user_va), -EFAULT);
	KEXPECT_EQ(x86_last_page_fault.error, X86_PF_PROT); /* SMAP: present, read, kernel */
	memcpy(page_address(page), exec_probe_ret_insn, 1);
	KEXPECT_EQ(arch_exec_probe((void *)user_va), -EFAULT);
	KEXPECT_EQ(x86_last_page_fault.error, X86_PF_PROT | X86_PF_INSTR); /* SMEP */
	KEXPECT_EQ(unmap_page(kernel_pgtable, user_va, NULL), 0);
	put_page(page);
}

KTEST(x86_cpu_protections_enabled)
{
	u32 a, b, c, d;

	cpuid(7, 0, &a, &b, &c, &d);
	KEXPECT(read_cr0() & CR0_WP);                 /* the kernel obeys read-only pages */
	KEXPECT(rdmsr(MSR_EFER) & EFER_NXE);          /* NX bits count */
	KEXPECT(read_cr4() & CR4_PGE);
	/* QEMU runs with -cpu max, which has both: they must be found and switched on. */
	KEXPECT(b & (1u << 7));
	KEXPECT(b & (1u << 20));
	KEXPECT(x86_smep_enabled && (read_cr4() & CR4_SMEP));
	KEXPECT(x86_smap_enabled && (read_cr4() & CR4_SMAP));
	KEXPECT(tsc_frequency > 1000000); /* calibrated: at least 1 MHz */
}

struct __packed idt_gate_view {
	u16 offset_low, selector;
	u8 ist, type_attr;
	u16 offset_mid;
	u32 offset_high, reserved;
};

KTEST(x86_idt_gates)
{
	struct __packed {
		u16 limit;
		u64 base;
	} idtr;
	const struct idt_gate_view *idt;
	int missing = 0;

	__asm__ __volatile__("sidt %0" : "=m"(idtr));
	KEXPECT_EQ(idtr.limit, 256 * 16 - 1);
	idt = (const struct idt_gate_view *)idtr.base;
	for (int v = 0; v < 48; v++)
		if (v != X86_TRAP_BP && v != X86_TRAP_OF &&
		    (idt[v].type_attr != 0x8e || idt[v].selector != KERNEL_CS))
			missing++;
	KEXPECT_EQ(missing, 0);
	KEXPECT_EQ(idt[X86_TRAP_BP].type_attr, 0xee); /* DPL 3: user mode may int3 */
	KEXPECT_EQ(idt[X86_TRAP_OF].type_attr, 0xee); /* and int $4, as on Linux */
	KEXPECT_EQ(idt[0x80].type_attr, 0);           /* no 32-bit system-call gate */
	KEXPECT_EQ(idt[X86_TRAP_DF].ist, 1);       /* #DF on its own stack */
	KEXPECT_EQ(idt[X86_TRAP_PF].ist, 0);
	KEXPECT_EQ(idt[255].type_attr, 0x8e);     /* the spurious vector */
	KEXPECT_STREQ(x86_vector_name(X86_TRAP_PF), "page fault");
	KEXPECT_STREQ(x86_vector_name(X86_TRAP_DF), "double fault");
}

KTEST(x86_syscall_msrs)
{
	u64 fmask = rdmsr(MSR_FMASK);

	/* Every flag that must not reach the kernel from a user's `syscall`. */
	KEXPECT_EQ(fmask & (X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_AC |
			    X86_EFLAGS_NT), X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF |
			    X86_EFLAGS_AC | X86_EFLAGS_NT);
	KEXPECT(rdmsr(MSR_CSTAR) >= KERNEL_VIRT_BASE); /* 32-bit syscall: a real entry */
	KEXPECT_EQ(rdmsr(MSR_IA32_SYSENTER_CS), 0);      /* sysenter: #GP */
}

long x86_trap_preserves_regs(unsigned long bad_addr);

KTEST(x86_trap_preserves_registers)
{
	/* 0: the load faulted, was fixed up, and every register came back unchanged. */
	KEXPECT_EQ(x86_trap_preserves_regs(VMALLOC_START + 0x9000), 0);
}
