/*
 * The arch interface: what every arch/<name>/ provides to generic code.
 *
 * Generic code (kernel/, mm/, lib/) calls these and includes <asm/...> headers for the
 * inline parts (page-table entry format, memory layout, register frame, barriers).
 * It never looks at a CSR, an MSR or a port itself. Adding an arch means implementing
 * this file and the asm/ headers listed in docs/arch-interface.md, nothing else.
 */
#ifndef ARCH_H
#define ARCH_H

#include <compiler.h>
#include <types.h>
#include <uapi/signal.h>

struct pt_regs;
struct mm_struct;

/* Name of the arch as the tools and tests spell it ("riscv64", "x86_64"). */
extern const char arch_name[];

/*
 * Early boot: find RAM, reserved ranges, the initrd and the command line in the
 * firmware's boot information (device tree or PVH start info), register them with
 * memblock_add()/memblock_reserve(), and start an early console. Called first thing.
 */
void arch_setup_memory(void);
/* The kernel command line from the firmware (never NULL). */
const char *arch_boot_cmdline(void);

/* Install the trap vectors (stvec / GDT, TSS, IDT). Called before anything else. */
void arch_trap_init(void);
/* After paging_init(): devices that need ioremap (UART, power-off). */
void arch_setup_devices(void);
/* Start the periodic timer at hz ticks per second; each tick calls timer_tick(). */
void arch_timer_init(unsigned int hz);
/*
 * Copy up to len bytes of the platform's entropy into buf: a hardware random-number
 * instruction, or a seed the firmware handed over. Returns how many; 0 if it has none.
 */
size_t arch_get_random_seed(void *buf, size_t len);
/* A free-running counter and its frequency, for measuring time in tests. */
u64 arch_cycle_counter(void);
u64 arch_cycle_frequency(void);
/*
 * A counter of instructions retired, for the fault trace (mm/fault_trace.h). Under QEMU
 * with -icount shift=0 it counts guest instructions exactly; otherwise it is only a clock.
 */
u64 arch_instruction_counter(void);

/*
 * Interrupts on this CPU: arch_irq_enable(), arch_irq_disable(), and arch_irq_save(),
 * which returns the previous state for arch_irq_restore(). Inline, in asm/irqflags.h.
 */
#include <asm/irqflags.h>
/* Sleep until the next interrupt (wfi / hlt). */
void arch_wait_for_interrupt(void);

/* Stop the machine; QEMU exits with status (0 = success). */
__noreturn void arch_poweroff(int status);

/* Print the registers of a trap frame, one labelled line per few registers. */
void arch_show_regs(const struct pt_regs *regs);
/* Print a frame-pointer backtrace starting at the trap frame (or here if NULL). */
void arch_show_backtrace(const struct pt_regs *regs);

/*
 * Copy n bytes from src to dst, either of which may fault; the accesses are listed in
 * the exception table. Returns the number of bytes NOT copied (0 on success).
 */
size_t arch_copy_nofault(void *dst, const void *src, size_t n);
/*
 * Fill one page with zeros / copy one page; page, to and from are page-aligned direct-map
 * addresses. mm/page_copy.c has the generic definitions (word loops, unrolled); an arch
 * with a faster way replaces them with its own (x86_64: rep stosq / rep movsq).
 */
void clear_page(void *page);
void copy_page(void *to, const void *from);
/*
 * Call the code at addr as a function of no arguments. Returns 0 if it returned, or
 * -EFAULT if fetching its first instruction faulted (the fault is fixed up through
 * the exception table). Used by tests to prove memory is not executable.
 */
long arch_exec_probe(const void *addr);
/* A lone return instruction in kernel text (at most 16 bytes), for tests to copy and call. */
extern const char exec_probe_ret_insn[];

/*
 * Tasks. arch_switch_context() saves the callee-saved registers on the current kernel
 * stack, stores the stack pointer in *prev_sp, loads next_sp and restores the registers
 * saved there: it returns in the other task. arch_init_kstack() prepares a new task's
 * stack (its struct pt_regs already at the top) so that the first switch to it runs
 * schedule_tail() and returns to user mode through the trap exit path; it returns the
 * sp to switch to. arch_task_switched() tells the CPU about the new kernel stack (x86:
 * TSS.rsp0).
 */
struct task;
void arch_switch_context(unsigned long *prev_sp, unsigned long next_sp);
unsigned long arch_init_kstack(unsigned long kstack_top);
void arch_task_switched(struct task *next);
/*
 * User floating-point state. The kernel never uses the FPU, so the registers always hold
 * the current task's values: arch_fpu_switch() saves them into prev and loads next's.
 * arch_fpu_init_state() makes a fresh program's state; arch_fpu_save() stores the live
 * registers (before fork copies them).
 */
void arch_fpu_switch(struct task *prev, struct task *next);
void arch_fpu_init_state(struct task *t);
void arch_fpu_save(struct task *t);
/* Set up regs for a fresh program: user mode, pc = entry, sp = sp, all else zero. */
void arch_start_user(struct pt_regs *regs, unsigned long entry, unsigned long sp);
/* The value a system call returns to user space, and a new user stack for a child. */
void arch_set_return_value(struct pt_regs *regs, long value);
void arch_set_user_sp(struct pt_regs *regs, unsigned long sp);
/* clone(CLONE_SETTLS): the new task t (its kernel stack made by arch_init_kstack) starts
 * with thread pointer tls (x86_64: the FS base; riscv64: tp). */
void arch_set_tls(struct task *t, unsigned long tls);

/*
 * System-call restart (kernel/signal.c decides, the arch does it). A frame that entered
 * through a system call remembers it (riscv64: scause 8 and orig_a0; x86_64: the syscall
 * vector and orig rax in the error slot) until arch_syscall_forget().
 */
bool arch_in_syscall(const struct pt_regs *regs);
long arch_syscall_return_value(const struct pt_regs *regs);
/* Make the return to user mode execute the same system call again, same arguments. */
void arch_syscall_restart(struct pt_regs *regs);
/* The same, but calling restart_syscall() (nanosleep continues with the time left). */
void arch_syscall_restart_block(struct pt_regs *regs);
void arch_syscall_forget(struct pt_regs *regs);

/*
 * Signal frames (arch/<arch>/kernel/signal.c): build Linux's struct rt_sigframe on the
 * user stack below sp (the interrupted sp, or the top of the alternate stack), saving
 * regs as they are, and point regs at the handler; 0 or -EFAULT. arch_rt_sigreturn() restores regs from the frame, sanitising whatever a
 * forged frame could abuse; 0, or -EFAULT for a frame that cannot be read (the caller
 * kills the task with SIGSEGV). The mask and stack in the frame are handled by the caller
 * through *mask and *stack.
 */
struct ksignal;
int arch_setup_rt_frame(struct ksignal *ksig, const kernel_sigset_t *oldset,
			const stack_t *uc_stack, unsigned long sp, struct pt_regs *regs);
int arch_rt_sigreturn(struct pt_regs *regs, kernel_sigset_t *mask, stack_t *stack);
/* The size of the frame arch_setup_rt_frame writes below sp, including alignment slack. */
size_t arch_sigframe_size(void);
/* Map what a fresh program needs besides its ELF (riscv64: the sigreturn trampoline). */
int arch_setup_additional_pages(struct mm_struct *mm);

/* Page tables: load a new root table, and drop stale translations from the TLB. */
void arch_switch_pgtable(phys_addr_t root);
void arch_flush_tlb_page(unsigned long va);
void arch_flush_tlb_all(void);
/*
 * Drop the leaf translations of [start, end) (page-aligned, user addresses): one page at
 * a time, or the whole TLB where that is cheaper (the arch picks the ceiling).
 */
void arch_flush_tlb_range(unsigned long start, unsigned long end);
/*
 * Page tables mapping [start, end) were unlinked: drop any cached copy of their entries
 * (x86: the paging-structure caches; RISC-V: cached non-leaf PTEs), so the walker never
 * reads them again. Leaf translations are the caller's (arch_flush_tlb_page).
 */
void arch_flush_tlb_pgtables(unsigned long start, unsigned long end);

#endif
