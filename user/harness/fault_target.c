/*
 * /tests/fault_target: a program that takes one page fault where gdb expects it. The gdb
 * test user_fault_in_core (tools/runtests.py) and the README's gdb walkthrough boot it
 * with "-- /tests/fault_target" and stop in handle_mm_fault() on its fault.
 *
 * It maps FAULT_TARGET_LEN bytes of private anonymous memory, read and write, at
 * exactly FAULT_TARGET_BASE (nothing is there yet, so the mapping is a VMA of its own),
 * and stores one byte at FAULT_TARGET_ADDR, in the third page. Nothing touched that page
 * before: the store is a write fault from user mode at an address known in advance, in
 * a VMA whose bounds are known in advance. The name is short enough to fit the kernel's
 * task name (15 characters) whole, so a gdb condition can match it.
 *
 * Prints the address, exits 0 if the byte reads back, 1 otherwise (and if mmap fails).
 * Keep the three numbers in step with run_gdb_fault_test() in tools/runtests.py.
 */
#include <stdio.h>
#include <sys/mman.h>

#define FAULT_TARGET_BASE 0x10000000UL
#define FAULT_TARGET_LEN  0x4000UL /* four pages */
#define FAULT_TARGET_ADDR (FAULT_TARGET_BASE + 0x2123)

int main(void)
{
	void *map = mmap((void *)FAULT_TARGET_BASE, FAULT_TARGET_LEN, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	volatile unsigned char *p = (volatile unsigned char *)FAULT_TARGET_ADDR;

	if (map != (void *)FAULT_TARGET_BASE) {
		printf("fault_target: mmap at %#lx gave %p\n", FAULT_TARGET_BASE, map);
		return 1;
	}
	printf("fault_target: writing to %#lx in [%#lx, %#lx)\n", FAULT_TARGET_ADDR,
	       FAULT_TARGET_BASE, FAULT_TARGET_BASE + FAULT_TARGET_LEN);
	*p = 0x5a; /* the write fault */
	if (*p != 0x5a) {
		printf("fault_target: read back %#x, wrote 0x5a\n", *p);
		return 1;
	}
	return 0;
}
