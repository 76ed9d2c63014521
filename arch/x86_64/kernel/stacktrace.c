/*
 * Register dumps and frame-pointer backtraces for oopses and panics. With
 * -fno-omit-frame-pointer every function starts `push %rbp; mov %rsp, %rbp`, so
 *     [rbp]     the caller's rbp
 *     [rbp + 8] the return address
 */
#include <arch.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <mm/sections.h>
#include "x86.h"

void arch_show_regs(const struct pt_regs *regs)
{
	printk(" rip: %04lx:%016lx rflags: %016lx vector: %lu (%s) error: %#lx\n", regs->cs,
	       regs->rip, regs->rflags, regs->vector, x86_vector_name(regs->vector), regs->error);
	printk(" rsp: %04lx:%016lx\n", regs->ss, regs->rsp);
	printk(" rax: %016lx rbx: %016lx rcx: %016lx\n", regs->rax, regs->rbx, regs->rcx);
	printk(" rdx: %016lx rsi: %016lx rdi: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
	printk(" rbp: %016lx r8 : %016lx r9 : %016lx\n", regs->rbp, regs->r8, regs->r9);
	printk(" r10: %016lx r11: %016lx r12: %016lx\n", regs->r10, regs->r11, regs->r12);
	printk(" r13: %016lx r14: %016lx r15: %016lx\n", regs->r13, regs->r14, regs->r15);
	printk(" cr0: %016lx cr2: %016lx cr3: %016lx cr4: %016lx\n", read_cr0(), read_cr2(),
	       read_cr3(), read_cr4());
}

static bool is_kernel_text(unsigned long pc)
{
	return pc >= (unsigned long)_text && pc < (unsigned long)_etext;
}

void arch_show_backtrace(const struct pt_regs *regs)
{
	unsigned long fp, pc;

	if (regs) {
		pc = regs->rip;
		fp = regs->rbp;
	} else {
		pc = (unsigned long)arch_show_backtrace;
		fp = (unsigned long)__builtin_frame_address(0);
	}
	printk("Backtrace:\n");
	for (int depth = 0; depth < 32 && is_kernel_text(pc); depth++) {
		unsigned long frame[2]; /* frame[0] = caller's rbp, frame[1] = return address */

		print_backtrace_entry(pc);
		/* A frame pointer into user space ends the kernel's stack: not ours to read. */
		if (fp < TASK_SIZE || fp % 8 || copy_from_kernel_nofault(frame, (void *)fp, sizeof(frame)))
			break;
		fp = frame[0];
		pc = frame[1];
	}
}
