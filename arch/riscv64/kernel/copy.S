/*
 * Memory accesses that are allowed to fault. Each faulting instruction has an
 * exception-table entry (kernel/extable.h); the trap handler sends a fault on it to
 * the fixup label, which returns an error instead of the kernel oopsing.
 */
#include <kernel/extable.h>

#define EFAULT 14

	.section .text

/*
 * size_t arch_copy_nofault(void *dst, const void *src, size_t n)
 * a0 = dst, a1 = src, a2 = bytes left. Copies a byte at a time so that a fault tells
 * exactly how much was done; returns the bytes not copied (0 = all of them).
 */
	.globl arch_copy_nofault
arch_copy_nofault:
	beqz	a2, 3f
1:	lb	t0, 0(a1)		/* may fault: reading src */
2:	sb	t0, 0(a0)		/* may fault: writing dst */
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	bnez	a2, 1b
3:	mv	a0, a2			/* 0 left */
	ret
.Lcopy_fault:
	mv	a0, a2			/* the bytes still to do, including the faulting one */
	ret
	_ASM_EXTABLE 1b, .Lcopy_fault
	_ASM_EXTABLE 2b, .Lcopy_fault

/*
 * long arch_exec_probe(const void *addr)
 * Calls addr. If it runs (it should be a `ret`), returns 0. If fetching it faults, the
 * trap handler finds .Lprobe_return (the return address in ra) in the exception table
 * with type EX_TYPE_EXEC_PROBE, and resumes at .Lprobe_fault: returns -EFAULT.
 */
	.globl arch_exec_probe
arch_exec_probe:
	addi	sp, sp, -16
	sd	ra, 8(sp)
	sd	s0, 0(sp)
	addi	s0, sp, 16
	fence.i				/* make any code just written to memory visible to fetch */
	jalr	a0			/* ra = .Lprobe_return */
.Lprobe_return:
	li	a0, 0
	j	1f
.Lprobe_fault:
	li	a0, -EFAULT
1:	ld	ra, 8(sp)
	ld	s0, 0(sp)
	addi	sp, sp, 16
	ret
	_ASM_EXTABLE .Lprobe_return, .Lprobe_fault, EX_TYPE_EXEC_PROBE

/* A lone `ret`, uncompressed (4 bytes), for tests to copy into data pages and call. */
	.option push
	.option norvc
	.globl exec_probe_ret_insn
exec_probe_ret_insn:
	ret
	.option pop
