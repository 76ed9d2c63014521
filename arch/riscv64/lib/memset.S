/*
 * memset() for riscv64, replacing the generic loop of lib/string.c (which is weak): the
 * same head, middle and tail, with the middle eight words (64 bytes) a step, so that the
 * loop's own add, compare and branch are paid once per eight stores. Stores are made
 * only at addresses aligned to their size: a misaligned store may trap (RISC-V
 * unprivileged spec, 2.6).
 */

	.section .text

/* void *memset(void *dst, int c, size_t n): a0 = dst, a1 = c, a2 = n; returns dst */
	.globl memset
memset:
	mv	t0, a0			/* t0 moves; a0 stays dst, the return value */
	andi	a1, a1, 0xff
	li	t1, 0x0101010101010101
	mul	t1, a1, t1		/* the byte c in all eight bytes of t1 */
.Lset_head:				/* bytes until t0 is aligned */
	andi	t2, t0, 7
	beqz	t2, .Lset_blocks
	beqz	a2, .Lset_done
	sb	t1, 0(t0)
	addi	t0, t0, 1
	addi	a2, a2, -1
	j	.Lset_head
.Lset_blocks:				/* 64 bytes a step */
	li	t2, 64
	bltu	a2, t2, .Lset_words
	sd	t1, 0(t0)
	sd	t1, 8(t0)
	sd	t1, 16(t0)
	sd	t1, 24(t0)
	sd	t1, 32(t0)
	sd	t1, 40(t0)
	sd	t1, 48(t0)
	sd	t1, 56(t0)
	addi	t0, t0, 64
	addi	a2, a2, -64
	j	.Lset_blocks
.Lset_words:				/* 8 bytes a step */
	li	t2, 8
	bltu	a2, t2, .Lset_tail
	sd	t1, 0(t0)
	addi	t0, t0, 8
	addi	a2, a2, -8
	j	.Lset_words
.Lset_tail:				/* the last 0-7 bytes */
	beqz	a2, .Lset_done
	sb	t1, 0(t0)
	addi	t0, t0, 1
	addi	a2, a2, -1
	j	.Lset_tail
.Lset_done:
	ret
