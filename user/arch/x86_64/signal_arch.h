/* What sigaction() adds on x86_64: the return trampoline (see sigreturn.S). */
#ifndef SIGNAL_ARCH_H
#define SIGNAL_ARCH_H

#include <asm/signal.h>

void __restore_rt(void);

/* The buffer rt_sigaction reads and writes: exactly the kernel's struct on x86_64. */
struct sigaction_buf {
	struct kernel_sigaction ka;
};

/*
 * Make buf ready for rt_sigaction: ka is filled in (or zero, for a read-back). Linux
 * refuses to deliver to an x86_64 handler without SA_RESTORER (it has no other way back
 * into rt_sigreturn), so every sigaction gets ours, as with glibc.
 */
static inline void arch_sigaction_prepare(struct sigaction_buf *buf)
{
	buf->ka.sa_flags |= SA_RESTORER;
	buf->ka.sa_restorer = (void *)__restore_rt;
}

#endif
