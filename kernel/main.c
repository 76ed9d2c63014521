/*
 * start_kernel(): the first generic C code. The arch's boot code has set up a stack and
 * temporary page tables that map the kernel where it was linked, and jumps here.
 */
#include <arch.h>
#include <kernel/cmdline.h>
#include <kernel/extable.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/test/ktest.h>
#include <kernel/exec.h>
#include <kernel/initrd.h>
#include <kernel/main.h>
#include <kernel/ramfs.h>
#include <kernel/random.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/timer.h>
#include <mm/kstack.h>
#include <mm/mm.h>
#include <mm/frame.h>
#include <mm/fault_trace.h>
#include <mm/tlbflush.h>
#include <mm/memblock.h>
#include <mm/pgtable.h>
#include <lib/string.h>

/*
 * Unpack the initrd and start init (cmdline "init=/path", its arguments after " -- ").
 * A broken initrd or init is the user's input, not a kernel bug: say what is wrong and
 * power off with a failure status, without a panic. No initrd at all: idle, so that the
 * kernel can still be explored in gdb.
 */
static void run_init(void)
{
	static char init_path[64] = "/init";
	static char *argv[16];
	int err;

	if (!initrd_region.size) {
		ramfs_init(NULL, 0);
		printk("no initrd: no init to run; idling (Ctrl-A X leaves QEMU)\n");
		return;
	}
	if (ramfs_init(__va(initrd_region.base), initrd_region.size)) {
		printk("initrd rejected: nothing to run; powering off\n");
		arch_poweroff(EXIT_TEST_FAILURE);
	}
	cmdline_get("init", init_path, sizeof(init_path));
	argv[0] = init_path;
	cmdline_init_args(argv + 1, ARRAY_SIZE(argv) - 1);
	err = start_init(init_path, (const char *const *)argv);
	if (err) {
		printk("cannot run init %s: error %d; powering off\n", init_path, err);
		arch_poweroff(EXIT_TEST_FAILURE);
	}
}

__noreturn void start_kernel(void)
{
	char arg[512]; /* a ktest= list of names is the longest value read here: as the line */

	arch_trap_init(); /* first, so that even an early bug is an oops, not a silent reset */
	arch_setup_memory();
	cmdline_init(arch_boot_cmdline());
	printk("Faultline (%s) booting, command line: \"%s\"\n", arch_name, cmdline());
	if (cmdline_has("ktest.crash_early")) /* a panic before paging_init: still a failure */
		panic("early crash test");
	extable_sort(); /* while the boot page tables still let us write rodata */
	memblock_dump();

	frame_init();
	page_lock_init();
	paging_init();
	zero_page_init();
	debug_tlb_init();
	fault_trace_init();
	kstack_init();
	sched_init();
	rlimits_init(current->signal->rlim); /* the idle task's: what kernel code runs under */
	arch_setup_devices();
	arch_timer_init(HZ);
	random_init();
	arch_irq_enable();

	printk("Faultline: %lu MiB RAM, %lu frames free of %lu (%lu KiB each)\n",
	       (unsigned long)(memblock_total(&memblock_memory) >> 20), nr_free_frames(),
	       nr_managed_frames(), PAGE_SIZE / 1024);

	if (cmdline_get("ktest.crash", arg, sizeof(arg)))
		crash_test(arg);
	if (cmdline_get("ktest", arg, sizeof(arg))) {
		int failed;

		if (strlen(arg) == sizeof(arg) - 1) { /* cut short: it would select other tests */
			printk("ktest=: a list of %zu characters or more; not run\n", sizeof(arg) - 1);
			arch_poweroff(EXIT_TEST_FAILURE);
		}
		failed = ktest_run(arg);

		arch_poweroff(failed ? EXIT_TEST_FAILURE : EXIT_SUCCESS);
	}
	if (cmdline_has("poweroff"))
		arch_poweroff(EXIT_SUCCESS);
	run_init();
	cpu_idle();
}
