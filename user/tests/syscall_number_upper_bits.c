/* EXPECT: exit 0 */
/*
 * What the kernel makes of a system-call number with its upper bits set, as Linux does:
 *
 *   x86_64   the number is an int (do_syscall_64): 0x1_0000_0027 is getpid (39); a
 *            negative int (-1) and the x32 bit (0x4000_0027, no x32 ABI here) are ENOSYS.
 *   riscv64  the number is the whole register (do_trap_ecall_u): 0x1_0000_00ac is no
 *            system call, ENOSYS; qemu-riscv64 truncates it, which is noted, not failed.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long pid = getpid();
	long upper = syscall6((1L << 32) | __NR_getpid, 0, 0, 0, 0, 0, 0);
	long minus_one = syscall6(-1, 0, 0, 0, 0, 0, 0);

	CHECK_ERR(minus_one, ENOSYS);
#if defined(__x86_64__)
	CHECK_EQ(upper, pid);
	CHECK_ERR(syscall6(0x40000000L | __NR_getpid, 0, 0, 0, 0, 0, 0), ENOSYS);
	printf("0x1_0000_0000 + getpid: getpid; x32 bit: ENOSYS; -1: ENOSYS\n");
#else
	if (upper == pid && under_qemu_user())
		note("qemu-riscv64 ignores the upper bits (qemu-user)");
	else
		CHECK_ERR(upper, ENOSYS);
	printf("0x1_0000_0000 + getpid: ENOSYS; -1: ENOSYS\n");
#endif
	return 0;
}
