/* The device tree the firmware passed, and the checks that reject broken ones. */
#include <errno.h>
#include <kernel/panic.h>
#include <kernel/test/ktest.h>
#include <lib/fdt.h>
#include <lib/string.h>
#include <kernel/uaccess.h>
#include <mm/memblock.h>
#include <mm/page.h>
#include "../kernel/riscv.h"

KTEST(riscv_fdt_boot_tree)
{
	const char *why = NULL;
	int node = fdt_path_offset(boot_fdt, "/memory"), cpus;
	u64 addr = 0, size = 0;

	KEXPECT_EQ(fdt_check(boot_fdt, fdt_totalsize(boot_fdt), &why), 0);
	KEXPECT(node > 0);
	KEXPECT_EQ(fdt_reg(boot_fdt, node, 0, &addr, &size), 0);
	KEXPECT_EQ(addr, memblock_memory.regions[0].base);
	KEXPECT_EQ(size, memblock_memory.regions[0].size);
	KEXPECT(fdt_is_compatible(boot_fdt, 0, "riscv-virtio"));
	cpus = fdt_path_offset(boot_fdt, "/cpus");
	KEXPECT_EQ(fdt_getprop_u32(boot_fdt, cpus, "timebase-frequency", 0), timebase_frequency);
	KEXPECT(fdt_find_compatible(boot_fdt, -1, "ns16550a") > 0);
	KEXPECT_EQ(fdt_path_offset(boot_fdt, "/no-such-node"), -ENOENT);
}

KTEST(riscv_fdt_rejects_corrupt)
{
	static u32 copy[16];
	const char *why = NULL;

	memcpy(copy, boot_fdt, sizeof(copy));
	copy[0] = 0; /* magic */
	KEXPECT_EQ(fdt_check(copy, sizeof(copy), &why), -EINVAL);
	KEXPECT(why != NULL && strncmp(why, "bad magic", 9) == 0);
	/* A real header whose totalsize exceeds the buffer it came in. */
	KEXPECT_EQ(fdt_check(boot_fdt, 64, &why), -EINVAL);
	KEXPECT_EQ(fdt_check(NULL, 0, &why), -EINVAL);
}

/* A device tree that fails the boot-time check: a clear panic, not a hang or a crash. */
CRASH_TEST(fdt_bad, EXIT_PANIC, "panic: bad device tree at")
{
	static u32 bad_header[10];

	memcpy(bad_header, boot_fdt, sizeof(bad_header));
	bad_header[0] ^= 0xff; /* break the magic */
	riscv_fdt_check_or_panic(bad_header, 2UL << 20);
}

CRASH_TEST(fdt_missing, EXIT_PANIC, "panic: no device tree")
{
	riscv_fdt_check_or_panic(NULL, 0);
}

/*
 * OpenSBI's memory (its /reserved-memory node) is out of the kernel's reach: left out of
 * the direct map when the node says "no-map" (newer OpenSBI), otherwise refused by the
 * PMP with a load access fault. Either way the read ends in the exception table.
 */
KTEST(riscv_firmware_memory_not_readable)
{
	int node = fdt_path_offset(boot_fdt, "/reserved-memory"), depth = 0, checked = 0;
	u64 addr, size, word = 0;

	KEXPECT(node > 0);
	while ((node = fdt_next_node(boot_fdt, node, &depth)) > 0 && depth > 0) {
		if (fdt_reg(boot_fdt, node, 0, &addr, &size))
			continue;
		KEXPECT(memblock_is_reserved(addr, size));
		KEXPECT_EQ(get_kernel_nofault(word, (u64 *)__va(addr)), -EFAULT);
		checked++;
	}
	KEXPECT(checked > 0);
}
