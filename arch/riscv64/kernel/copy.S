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
 * a0 = dst, a1 = src, a2 = bytes left; returns the bytes not copied (0 = all of them).
 *
 * When dst and src are equally misaligned, it copies bytes up to dst's first 8-byte
 * boundary, then eight words (64 bytes) per step while that many are left, then single
 * words, then the last few bytes; otherwise bytes throughout. Every load and store is in
 * the exception table, and a fault on any of them ends the copy with a2 counting the
 * bytes not copied, the faulting one included:
 *  - a step of eight words loads all eight before it stores any, and moves a0, a1 and
 *    a2 only after it: a faulting load has stored nothing of its step, so its fixup
 *    simply goes on with single words from the step's start, which copy the words
 *    before the faulting one and then fault on it again, exactly; a faulting store k
 *    (0-7) has stored k words of the step, and its fixup takes 8 * k off a2;
 *  - an aligned word lies inside one page, so when it faults, its first byte faults as
 *    well and none of it could have been copied: the count is exact to the byte.
 * (Linux's copy_user may move misaligned words, which can straddle a page; that is
 * why it goes back to bytes after a faulting word. Going back here would only fault a
 * second time on the same byte.)
 */
	.globl arch_copy_nofault
arch_copy_nofault:
	xor	t1, a0, a1
	andi	t1, t1, 7		/* dst and src differ in alignment: */
	bnez	t1, .Lcopy_bytes	/* no word can be aligned for both */
.Lcopy_head:				/* bytes until dst (and so src) is aligned */
	andi	t1, a0, 7
	beqz	t1, .Lcopy_blocks
	beqz	a2, .Lcopy_done
10:	lb	t0, 0(a1)		/* may fault: reading src */
11:	sb	t0, 0(a0)		/* may fault: writing dst */
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	.Lcopy_head
.Lcopy_blocks:				/* both aligned: 64 bytes a step */
	li	t1, 64
	bltu	a2, t1, .Lcopy_words
40:	ld	t0, 0(a1)		/* may fault: reading src */
41:	ld	t2, 8(a1)
42:	ld	t3, 16(a1)
43:	ld	t4, 24(a1)
44:	ld	t5, 32(a1)
45:	ld	t6, 40(a1)
46:	ld	a3, 48(a1)
47:	ld	a4, 56(a1)
50:	sd	t0, 0(a0)		/* may fault: writing dst */
51:	sd	t2, 8(a0)
52:	sd	t3, 16(a0)
53:	sd	t4, 24(a0)
54:	sd	t5, 32(a0)
55:	sd	t6, 40(a0)
56:	sd	a3, 48(a0)
57:	sd	a4, 56(a0)
	addi	a0, a0, 64
	addi	a1, a1, 64
	addi	a2, a2, -64
	j	.Lcopy_blocks
.Lcopy_words:				/* fewer than 64 left: 8 bytes a step */
	li	t1, 8
	bltu	a2, t1, .Lcopy_bytes	/* fewer than 8 left: the tail */
20:	ld	t0, 0(a1)		/* may fault: reading src */
21:	sd	t0, 0(a0)		/* may fault: writing dst */
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	.Lcopy_words
.Lcopy_bytes:				/* the tail, or all of a misaligned copy */
	beqz	a2, .Lcopy_done
30:	lb	t0, 0(a1)		/* may fault: reading src */
31:	sb	t0, 0(a0)		/* may fault: writing dst */
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	.Lcopy_bytes
.Lstore7_fault:				/* store k of a step faulted: k words are copied */
	addi	a2, a2, -8
.Lstore6_fault:
	addi	a2, a2, -8
.Lstore5_fault:
	addi	a2, a2, -8
.Lstore4_fault:
	addi	a2, a2, -8
.Lstore3_fault:
	addi	a2, a2, -8
.Lstore2_fault:
	addi	a2, a2, -8
.Lstore1_fault:
	addi	a2, a2, -8
.Lcopy_done:
.Lcopy_fault:
	mv	a0, a2			/* 0, or the bytes still to do including the faulting one */
	ret
	_ASM_EXTABLE 10b, .Lcopy_fault
	_ASM_EXTABLE 11b, .Lcopy_fault
	_ASM_EXTABLE 40b, .Lcopy_words
	_ASM_EXTABLE 41b, .Lcopy_words
	_ASM_EXTABLE 42b, .Lcopy_words
	_ASM_EXTABLE 43b, .Lcopy_words
	_ASM_EXTABLE 44b, .Lcopy_words
	_ASM_EXTABLE 45b, .Lcopy_words
	_ASM_EXTABLE 46b, .Lcopy_words
	_ASM_EXTABLE 47b, .Lcopy_words
	_ASM_EXTABLE 50b, .Lcopy_fault
	_ASM_EXTABLE 51b, .Lstore1_fault
	_ASM_EXTABLE 52b, .Lstore2_fault
	_ASM_EXTABLE 53b, .Lstore3_fault
	_ASM_EXTABLE 54b, .Lstore4_fault
	_ASM_EXTABLE 55b, .Lstore5_fault
	_ASM_EXTABLE 56b, .Lstore6_fault
	_ASM_EXTABLE 57b, .Lstore7_fault
	_ASM_EXTABLE 20b, .Lcopy_fault
	_ASM_EXTABLE 21b, .Lcopy_fault
	_ASM_EXTABLE 30b, .Lcopy_fault
	_ASM_EXTABLE 31b, .Lcopy_fault

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
