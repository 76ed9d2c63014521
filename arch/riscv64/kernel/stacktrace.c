/*
 * Register dumps and frame-pointer backtraces for oopses and panics.
 *
 * With -fno-omit-frame-pointer, GCC's riscv64 frames look like this (s0 = fp = the
 * caller's sp at entry):
 *     fp - 8:  return address (ra)
 *     fp - 16: caller's fp
 * A leaf function that never saves ra stores only the caller's fp, at fp - 8; only the
 * innermost frame of a trap can be such a leaf, and then the return address is in ra.
 */
#include <arch.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <mm/sections.h>
#include "riscv.h"

static const char *const reg_names[32] = {
	"epc", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3",
	"a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
	"t3", "t4", "t5", "t6",
};

void arch_show_regs(const struct pt_regs *regs)
{
	const unsigned long *r = (const unsigned long *)regs;

	printk(" sepc: %016lx ra : %016lx sp : %016lx\n", regs->epc, regs->ra, regs->sp);
	for (int i = 3; i < 32; i += 3) {
		for (int j = i; j < i + 3 && j < 32; j++)
			printk(" %-4s: %016lx", reg_names[j], r[j]);
		printk("\n");
	}
	printk(" sstatus: %016lx stval: %016lx scause: %016lx (%s)\n", regs->status,
	       regs->badaddr, regs->cause, riscv_cause_name(regs->cause));
}

static bool is_kernel_text(unsigned long pc)
{
	return pc >= (unsigned long)_text && pc < (unsigned long)_etext;
}

void arch_show_backtrace(const struct pt_regs *regs)
{
	unsigned long fp, pc;
	bool first = regs != NULL;

	if (regs) {
		pc = regs->epc;
		fp = regs->s0;
	} else {
		pc = (unsigned long)arch_show_backtrace;
		fp = (unsigned long)__builtin_frame_address(0);
	}
	printk("Backtrace:\n");
	for (int depth = 0; depth < 32 && is_kernel_text(pc); depth++) {
		unsigned long slot[2]; /* slot[1] = *(fp - 8), slot[0] = *(fp - 16) */

		print_backtrace_entry(pc);
		/* A frame pointer into user space ends the kernel's stack: not ours to read. */
		if (fp < TASK_SIZE || fp % 8 || copy_from_kernel_nofault(slot, (void *)(fp - 16), sizeof(slot)))
			break;
		if (first && !is_kernel_text(slot[1])) {
			pc = regs->ra; /* a leaf: fp - 8 holds the caller's fp, ra is live */
			fp = slot[1];
		} else {
			pc = slot[1];
			fp = slot[0];
		}
		first = false;
	}
}
