/*
 * x86_64 boot information: QEMU's PVH boot hands us a struct hvm_start_info (Xen's
 * public/arch-x86/hvm/start_info.h) with the memory map, the command line and the
 * initrd as module 0. x86_boot() is the first C function (called from head.S).
 */
#include <arch.h>
#include <asm/processor.h>
#include <kernel/initrd.h>
#include <kernel/main.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/uart16550.h>
#include <mm/memblock.h>
#include <mm/page.h>
#include <mm/sections.h>
#include <asm/uaccess.h>
#include "x86.h"

const char arch_name[] = "x86_64";

#define HVM_START_MAGIC 0x336ec578
#define E820_RAM 1

struct hvm_start_info {
	u32 magic;         /* HVM_START_MAGIC */
	u32 version;       /* 1: has the memory map */
	u32 flags;
	u32 nr_modules;    /* entries at modlist_paddr */
	u64 modlist_paddr; /* struct hvm_modlist_entry[nr_modules] */
	u64 cmdline_paddr; /* NUL-terminated command line, or 0 */
	u64 rsdp_paddr;    /* ACPI RSDP */
	u64 memmap_paddr;  /* struct hvm_memmap_entry[memmap_entries] (version 1) */
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

struct hvm_memmap_entry {
	u64 addr;
	u64 size;
	u32 type; /* E820 type: 1 = usable RAM */
	u32 reserved;
};

static phys_addr_t start_info_pa;   /* from ebx at entry */
static const char *boot_cmdline = "";


__noreturn void x86_boot(phys_addr_t start_info)
{
	start_info_pa = start_info;
	start_kernel();
	panic("start_kernel returned");
}

#define COM1 0x3f8

static u8 com1_read(unsigned int reg)
{
	return inb(COM1 + reg);
}

static void com1_write(unsigned int reg, u8 val)
{
	outb(COM1 + reg, val);
}

static const struct uart16550 com1 = { com1_read, com1_write, 1843200 }; /* the PC's clock */

static void reserve(phys_addr_t base, u64 size)
{
	memblock_reserve(ALIGN_DOWN(base, PAGE_SIZE), ALIGN_UP(base + size, PAGE_SIZE) - ALIGN_DOWN(base, PAGE_SIZE));
}

void arch_setup_memory(void)
{
	const struct hvm_start_info *si;
	const struct hvm_memmap_entry *map;

	uart16550_init(&com1); /* I/O ports need no mapping: the console works at once */
	if (!start_info_pa)
		panic("no PVH start info: ebx was 0 at entry");
	si = __va(start_info_pa);
	if (si->magic != HVM_START_MAGIC)
		panic("bad PVH start info at %#lx: magic %#x", (unsigned long)start_info_pa, si->magic);
	if (si->version < 1 || !si->memmap_paddr || !si->memmap_entries)
		panic("PVH start info version %u has no memory map", si->version);

	map = __va(si->memmap_paddr);
	for (u32 i = 0; i < si->memmap_entries; i++)
		if (map[i].type == E820_RAM)
			memblock_add(map[i].addr, map[i].size);
	if (memblock_memory.count == 0)
		panic("PVH memory map has no RAM");
	if (memblock_clamp(DIRECT_MAP_SIZE))
		printk("x86_64: ignoring RAM above %lu MiB (the boot page tables map no more)\n",
		       DIRECT_MAP_SIZE >> 20);

	reserve(0, 0x100000); /* the first MiB: BIOS data, real-mode leftovers, ROMs */
	reserve(__pa(_kernel_start), (u64)(_end - _kernel_start));
	reserve(start_info_pa, sizeof(*si));
	reserve(si->memmap_paddr, si->memmap_entries * sizeof(*map));
	if (si->cmdline_paddr) {
		boot_cmdline = __va(si->cmdline_paddr);
		reserve(si->cmdline_paddr, 4096);
	}
	if (si->nr_modules && si->modlist_paddr) {
		const struct hvm_modlist_entry *mod = __va(si->modlist_paddr);

		reserve(si->modlist_paddr, si->nr_modules * sizeof(*mod));
		initrd_region.base = mod[0].paddr;
		initrd_region.size = mod[0].size;
		reserve(mod[0].paddr, mod[0].size);
	}
}

const char *arch_boot_cmdline(void)
{
	return boot_cmdline;
}

void arch_setup_devices(void)
{
	x86_cpu_init();
	uart16550_enable_rx(); /* IRQ 4 is unmasked when the PIC is set up (arch_timer_init) */
	printk("x86_64: PVH start info at %#lx, TSC %lu kHz, SMEP %s, SMAP %s\n",
	       (unsigned long)start_info_pa, (unsigned long)(tsc_frequency / 1000),
	       x86_smep_enabled ? "on" : "absent", x86_smap_enabled ? "on" : "absent");
}
