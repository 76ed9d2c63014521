/*
 * riscv64 boot information: everything comes from the device tree OpenSBI hands us.
 * riscv_boot() is the first C function (called from head.S); it calls start_kernel().
 */
#include <arch.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <errno.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/initrd.h>
#include <kernel/main.h>
#include <kernel/uart16550.h>
#include <lib/fdt.h>
#include <lib/string.h>
#include <mm/memblock.h>
#include <mm/page.h>
#include <mm/pgtable.h>
#include <mm/sections.h>
#include "riscv.h"

const char arch_name[] = "riscv64";

static unsigned long boot_hartid;  /* the hart OpenSBI started us on */
static u8 rng_seed[64];             /* /chosen/rng-seed, until random_init() takes it */
static size_t rng_seed_len;
static phys_addr_t boot_fdt_pa;    /* physical address of the device tree, from a1 */
const void *boot_fdt;              /* the device tree, through the direct map */
static const char *boot_cmdline = "";
u64 timebase_frequency;            /* Hz of the `time` CSR, from /cpus */

#define FDT_MAX_SIZE (2UL << 20) /* a sanity bound: QEMU's is 1 MiB at most */


__noreturn void riscv_boot(unsigned long hartid, phys_addr_t fdt_pa)
{
	boot_hartid = hartid;
	boot_fdt_pa = fdt_pa;
	start_kernel();
	panic("start_kernel returned");
}

static void sbi_console_write(const char *s, size_t n)
{
	while (n--)
		sbi_console_putchar(*s++);
}

/* Until the UART is mapped, print through the firmware. */
static struct console sbi_console = { "sbi", sbi_console_write };

/* Check the blob and panic with the reason if it is unusable. */
void riscv_fdt_check_or_panic(const void *fdt, size_t max_size)
{
	const char *why = "unknown";

	if (!fdt)
		panic("no device tree: the firmware passed a1 = 0, cannot find memory");
	if (fdt_check(fdt, max_size, &why))
		panic("bad device tree at %p: %s", fdt, why);
}

/* Register the reg ranges of every node under /reserved-memory. */
static void reserve_fdt_nodes(const void *fdt)
{
	int parent = fdt_path_offset(fdt, "/reserved-memory"), depth = 0;
	u64 addr, size;

	if (parent < 0)
		return;
	for (int node = parent; (node = fdt_next_node(fdt, node, &depth)) >= 0 && depth > 0;) {
		bool nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;

		for (int i = 0; fdt_reg(fdt, node, i, &addr, &size) == 0; i++) {
			if (nomap)
				memblock_reserve_nomap(addr, size);
			else
				memblock_reserve(addr, size);
		}
	}
}

/* A /chosen property that is a 32- or 64-bit number (linux,initrd-start and -end). */
static bool chosen_u64(const void *fdt, int chosen, const char *name, u64 *val)
{
	int len;
	const u32 *p = fdt_getprop(fdt, chosen, name, &len);

	if (!p || (len != 4 && len != 8))
		return false;
	*val = fdt_read_cells(p, len / 4);
	return true;
}

void arch_setup_memory(void)
{
	const void *fdt = boot_fdt_pa ? __va(boot_fdt_pa) : NULL;
	int node, depth = 0;
	u64 addr, size, initrd_start, initrd_end;

	console_register(&sbi_console);
	riscv_fdt_check_or_panic(fdt, FDT_MAX_SIZE);
	boot_fdt = fdt;
	riscv_power_find(fdt);

	for (node = -1; (node = fdt_next_node(fdt, node, &depth)) >= 0;) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type && strcmp(type, "memory") == 0)
			for (int i = 0; fdt_reg(fdt, node, i, &addr, &size) == 0; i++)
				memblock_add(addr, size);
	}
	if (memblock_memory.count == 0)
		panic("device tree has no memory node");
	if (memblock_memory.regions[memblock_memory.count - 1].base +
	    memblock_memory.regions[memblock_memory.count - 1].size > DIRECT_MAP_SIZE)
		panic("RAM beyond the %lu GiB direct map", DIRECT_MAP_SIZE >> 30);

	memblock_reserve(__pa(_kernel_start), (u64)(_end - _kernel_start));
	memblock_reserve(boot_fdt_pa, fdt_totalsize(fdt));
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		fdt_get_mem_rsv(fdt, i, &addr, &size);
		memblock_reserve(addr, size);
	}
	reserve_fdt_nodes(fdt); /* OpenSBI's own memory is listed here */

	node = fdt_path_offset(fdt, "/chosen");
	if (node >= 0) {
		const char *args = fdt_getprop(fdt, node, "bootargs", NULL);

		if (args)
			boot_cmdline = args;
		if (chosen_u64(fdt, node, "linux,initrd-start", &initrd_start) &&
		    chosen_u64(fdt, node, "linux,initrd-end", &initrd_end) && initrd_end > initrd_start) {
			initrd_region.base = initrd_start;
			initrd_region.size = initrd_end - initrd_start;
			memblock_reserve(initrd_start, initrd_end - initrd_start);
		}
	}
	if (node >= 0) {
		int len;
		const u8 *seed = fdt_getprop(fdt, node, "rng-seed", &len);

		if (seed && len > 0) {
			rng_seed_len = (size_t)len < sizeof(rng_seed) ? (size_t)len : sizeof(rng_seed);
			memcpy(rng_seed, seed, rng_seed_len);
		}
	}
	node = fdt_path_offset(fdt, "/cpus");
	timebase_frequency = node >= 0 ? fdt_getprop_u32(fdt, node, "timebase-frequency", 0) : 0;
	if (!timebase_frequency)
		panic("device tree: /cpus has no timebase-frequency");
}

/*
 * riscv64's entropy is the seed QEMU (or a boot loader) puts in the device tree's
 * /chosen/rng-seed, read once: the copy is wiped as it is handed over.
 */
size_t arch_get_random_seed(void *buf, size_t len)
{
	size_t n = len < rng_seed_len ? len : rng_seed_len;

	memcpy(buf, rng_seed, n);
	for (size_t i = 0; i < sizeof(rng_seed); i++)
		((volatile u8 *)rng_seed)[i] = 0;
	rng_seed_len = 0;
	return n;
}

const char *arch_boot_cmdline(void)
{
	return boot_cmdline;
}

static volatile u8 *uart_regs; /* the ns16550a's registers, one byte apart on QEMU virt */

static u8 uart_mmio_read(unsigned int reg)
{
	return uart_regs[reg];
}

static void uart_mmio_write(unsigned int reg, u8 val)
{
	uart_regs[reg] = val;
}

static struct uart16550 virt_uart = { uart_mmio_read, uart_mmio_write, 0 };

void arch_setup_devices(void)
{
	int node = fdt_find_compatible(boot_fdt, -1, "ns16550a");
	u64 addr, size;

	if (node >= 0 && fdt_reg(boot_fdt, node, 0, &addr, &size) == 0 &&
	    (uart_regs = ioremap(addr, size)) != NULL) {
		virt_uart.clock_hz = fdt_getprop_u32(boot_fdt, node, "clock-frequency", 1843200);
		uart16550_init(&virt_uart);
	}
	else
		printk("no ns16550a UART in the device tree: staying on the SBI console\n");
	riscv_power_init();
	riscv_plic_init(boot_fdt, boot_hartid);
	printk("riscv64: hart %lu, device tree at %#lx, timebase %lu Hz\n", boot_hartid,
	       (unsigned long)boot_fdt_pa, (unsigned long)timebase_frequency);
}
