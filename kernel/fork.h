/* Creating processes. */
#ifndef KERNEL_FORK_H
#define KERNEL_FORK_H

/* Linux's clone(flags, newsp, ...): only plain fork (flags = exit signal) for now. */
long sys_clone(unsigned long flags, unsigned long newsp);

#endif
