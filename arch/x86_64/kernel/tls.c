/*
 * arch_prctl(): a thread's FS and GS bases, where x86_64 programs keep thread-local
 * storage (the C library points FS at the thread's control block; %fs:0 addresses it).
 * The bases live in MSR_FS_BASE and MSR_GS_BASE while the task runs, and in its switch
 * frame while it is switched out (switch.S); fork and clone copy them, exec clears them,
 * clone(CLONE_SETTLS) sets the new thread's FS base (arch_set_tls).
 */
#include <asm/processor.h>
#include <asm/unistd.h>
#include <errno.h>
#include <mm/uaccess.h>

/* Linux's codes (arch/x86/include/uapi/asm/prctl.h). */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/*
 * The highest base Linux accepts: TASK_SIZE_MAX, the end of the user half less a guard
 * page. A non-canonical value would make wrmsr raise #GP (SDM vol. 3A, 3.4.4.1).
 */
#define TASK_SIZE_MAX ((1UL << 47) - PAGE_SIZE)

long sys_arch_prctl(int code, unsigned long addr)
{
	unsigned long base;

	switch (code) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= TASK_SIZE_MAX)
			return -EPERM;
		wrmsr(code == ARCH_SET_FS ? MSR_FS_BASE : MSR_GS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		base = rdmsr(code == ARCH_GET_FS ? MSR_FS_BASE : MSR_GS_BASE);
		return copy_to_user((void __user *)addr, &base, sizeof(base)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
