/*
 * How a riscv64 program enters the kernel (Linux's ABI, the same under Faultline):
 * `ecall` with the system call number in a7 and up to six arguments in a0-a5; the
 * result comes back in a0, a negative errno (-4095..-1) on failure. ecall changes
 * no other register, but the kernel may read and write user memory.
 */
#ifndef SYSCALL_ARCH_H
#define SYSCALL_ARCH_H

static inline long __syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long a7 __asm__("a7") = nr;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;

	__asm__ __volatile__("ecall"
			     : "+r"(a0)
			     : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			     : "memory");
	return a0;
}

/*
 * fork() is clone(SIGCHLD, 0, 0, 0, 0). The generic order of clone's arguments
 * (riscv64, and most arches): flags, stack, parent_tid, tls, child_tid.
 */
#define CLONE_ARGS(flags, stack, ptid, ctid, tls) \
	(long)(flags), (long)(stack), (long)(ptid), (long)(tls), (long)(ctid)

#endif
