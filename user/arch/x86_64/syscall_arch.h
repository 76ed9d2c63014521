/*
 * How an x86_64 program enters the kernel (Linux's ABI, the same under Faultline):
 * `syscall` with the system call number in rax and up to six arguments in rdi, rsi,
 * rdx, r10, r8, r9 (r10, not rcx as in a C call: the instruction itself overwrites rcx
 * with the return address and r11 with rflags). The result comes back in rax, a
 * negative errno (-4095..-1) on failure. The kernel may read and write user memory.
 */
#ifndef SYSCALL_ARCH_H
#define SYSCALL_ARCH_H

static inline long __syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

/*
 * fork() is clone(SIGCHLD, 0, 0, 0, 0). x86_64 keeps clone's historical order of
 * arguments: flags, stack, parent_tid, child_tid, tls (the generic order swaps the last two).
 */
#define CLONE_ARGS(flags, stack, ptid, ctid, tls) \
	(long)(flags), (long)(stack), (long)(ptid), (long)(ctid), (long)(tls)

#endif
