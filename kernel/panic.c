/* panic() and oops(): the two ways the kernel gives up, both ending in a power-off. */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <asm/ptrace.h>

static bool in_panic; /* set on the first panic, so a panic inside a panic just stops */
bool oops_in_progress;  /* a panic or oops is printing: locks it might find held are ignored */

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	arch_irq_disable();
	if (in_panic)
		arch_poweroff(EXIT_PANIC);
	in_panic = true;
	oops_in_progress = true;
	printk("\npanic: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	arch_show_backtrace(NULL);
	printk("---[ end panic ]---\n");
	arch_poweroff(EXIT_PANIC);
}

__noreturn void oops(const struct pt_regs *regs, const char *cause, unsigned long addr)
{
	arch_irq_disable();
	if (in_panic)
		arch_poweroff(EXIT_OOPS);
	in_panic = true;
	oops_in_progress = true;
	printk("\nOops: %s at address %p in kernel mode\n", cause, (void *)addr);
	arch_show_regs(regs);
	arch_show_backtrace(regs);
	printk("---[ end oops ]---\n");
	arch_poweroff(EXIT_OOPS);
}
