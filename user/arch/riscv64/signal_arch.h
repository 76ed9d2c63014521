/*
 * What sigaction() adds on riscv64. No return trampoline: the kernel itself maps the
 * one a handler returns to (Linux's vDSO __vdso_rt_sigreturn) and puts it in ra.
 *
 * One workaround: qemu-riscv64 7.2 (Debian 12's qemu-user, the Linux that difftest
 * compares riscv64 with) reads and writes struct kernel_sigaction as if riscv64 had an
 * sa_restorer field, so with sa_mask 8 bytes further on than Linux and Faultline put it.
 * So the buffer rt_sigaction sees is 8 bytes longer and holds the mask at both places:
 * Linux and Faultline read the first 24 bytes and never look further; qemu takes the
 * first copy of the mask as its sa_restorer (which it ignores on riscv64) and the second
 * as sa_mask. On a read-back qemu writes the mask to both places, Linux to the first.
 */
#ifndef SIGNAL_ARCH_H
#define SIGNAL_ARCH_H

#include <asm/signal.h>

struct sigaction_buf {
	struct kernel_sigaction ka;   /* what Linux and Faultline read and write */
	kernel_sigset_t qemu_sa_mask; /* where qemu-riscv64 7.2 looks for sa_mask */
};

/* Make buf ready for rt_sigaction: ka is filled in (or zero, for a read-back). */
static inline void arch_sigaction_prepare(struct sigaction_buf *buf)
{
	buf->qemu_sa_mask = buf->ka.sa_mask;
}

#endif
