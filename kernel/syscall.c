/*
 * The system-call table: Linux's numbers (asm/unistd.h, per arch) to the functions that
 * implement them. A number with no entry returns -ENOSYS, as on Linux.
 */
#include <arch.h>
#include <asm/unistd.h>
#include <errno.h>
#include <kernel/cred.h>
#include <kernel/cwd.h>
#include <kernel/exec.h>
#include <kernel/exit.h>
#include <kernel/fdtable.h>
#include <kernel/file.h>
#include <kernel/fork.h>
#include <kernel/itimer.h>
#include <kernel/futex.h>
#include <kernel/names.h>
#include <kernel/open.h>
#include <kernel/pgrp.h>
#include <kernel/pipe.h>
#include <kernel/poll.h>
#include <kernel/process_vm.h>
#include <kernel/random.h>
#include <kernel/read_write.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/stat.h>
#include <kernel/sys.h>
#include <kernel/syscall.h>
#include <kernel/thread_group.h>
#include <kernel/time.h>
#include <kernel/utimes.h>
#include <lib/string.h>
#include <mm/memfd.h>
#include <mm/mlock.h>
#include <mm/mmap.h>
#include <mm/userfaultfd.h>
#include <uapi/abi.h>

static long sys_sched_yield(void)
{
	schedule();
	return 0;
}

#ifdef __NR_open
/* x86_64's open and creat: openat from the working directory. */
static long sys_open(const char __user *path, int flags, int mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

static long sys_creat(const char __user *path, int mode)
{
	return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
#endif

static long sys_uname(struct utsname __user *buf)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Faultline", sizeof(u.sysname));
	strlcpy(u.nodename, "faultline", sizeof(u.nodename));
	strlcpy(u.release, "0.1", sizeof(u.release));
	strlcpy(u.version, "#1", sizeof(u.version));
	strlcpy(u.machine, arch_name, sizeof(u.machine));
	return copy_to_user(buf, &u, sizeof(u));
}

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long);

/*
 * One wrapper per system call, taking the six raw register values and converting each to
 * the type the implementation declares (Linux's SYSCALL_DEFINEn does the same). The
 * conversion matters: an ABI may assume an int argument arrives sign-extended (riscv64
 * does), and a raw register can hold anything a program put there.
 */
#define ARGS6 unsigned long a, unsigned long b, unsigned long c, unsigned long d, \
	      unsigned long e, unsigned long f
#define UNUSED6 (void)a, (void)b, (void)c, (void)d, (void)e, (void)f
#define SC0(fn) static long w_##fn(ARGS6) { UNUSED6; return fn(); }
#define SC1(fn, t1) static long w_##fn(ARGS6) { UNUSED6; return fn((t1)a); }
#define SC2(fn, t1, t2) static long w_##fn(ARGS6) { UNUSED6; return fn((t1)a, (t2)b); }
#define SC3(fn, t1, t2, t3) \
	static long w_##fn(ARGS6) { UNUSED6; return fn((t1)a, (t2)b, (t3)c); }
#define SC4(fn, t1, t2, t3, t4) \
	static long w_##fn(ARGS6) { UNUSED6; return fn((t1)a, (t2)b, (t3)c, (t4)d); }
#define SC5(fn, t1, t2, t3, t4, t5) \
	static long w_##fn(ARGS6) { UNUSED6; return fn((t1)a, (t2)b, (t3)c, (t4)d, (t5)e); }
#define SC6(fn, t1, t2, t3, t4, t5, t6) \
	static long w_##fn(ARGS6) { return fn((t1)a, (t2)b, (t3)c, (t4)d, (t5)e, (t6)f); }

typedef unsigned long ul;
typedef void __user *uptr;

SC3(sys_read, int, char __user *, size_t)
SC3(sys_write, int, const char __user *, size_t)
SC4(sys_openat, int, const char __user *, int, int)
SC1(sys_close, int)
SC1(sys_userfaultfd, int)
SC3(sys_lseek, int, long, int)
SC2(sys_fstat, int, uptr)
SC3(sys_getdents64, int, uptr, size_t)
SC3(sys_ioctl, int, ul, ul)
SC2(sys_getcwd, char __user *, size_t)
SC4(sys_pread64, int, char __user *, size_t, long)
SC4(sys_pwrite64, int, const char __user *, size_t, long)
SC3(sys_readv, int, const struct iovec __user *, ul)
SC3(sys_writev, int, const struct iovec __user *, ul)
SC5(sys_preadv, int, const struct iovec __user *, ul, ul, ul)
SC5(sys_pwritev, int, const struct iovec __user *, ul, ul, ul)
SC2(sys_pipe2, int __user *, int)
#ifdef __NR_pipe
SC1(sys_pipe, int __user *)
#endif
SC1(sys_dup, int)
#ifdef __NR_dup2
SC2(sys_dup2, unsigned int, unsigned int)
#endif
SC3(sys_dup3, unsigned int, unsigned int, int)
SC3(sys_fcntl, int, unsigned int, ul)
#ifdef __NR_poll
SC3(sys_poll, struct pollfd __user *, unsigned int, int)
#endif
SC5(sys_ppoll, struct pollfd __user *, unsigned int, struct timespec __user *,
    const kernel_sigset_t __user *, size_t)
#ifdef __NR_select
SC5(sys_select, int, ul __user *, ul __user *, ul __user *, struct timeval __user *)
#endif
SC6(sys_pselect6, int, ul __user *, ul __user *, ul __user *, struct timespec __user *, uptr)
SC6(sys_mmap, ul, ul, ul, ul, int, ul)
SC2(sys_munmap, ul, ul)
SC3(sys_mprotect, ul, ul, ul)
SC1(sys_brk, ul)
SC3(sys_madvise, ul, ul, int)
SC3(sys_mincore, ul, ul, unsigned char __user *)
SC3(sys_msync, ul, size_t, int)
SC2(sys_memfd_create, const char __user *, unsigned int)
SC4(sys_fallocate, int, int, long, long)
SC2(sys_mlock, ul, size_t)
SC3(sys_mlock2, ul, size_t, int)
SC2(sys_munlock, ul, size_t)
SC1(sys_mlockall, int)
SC0(sys_munlockall)
SC6(sys_process_vm_readv, int, const struct iovec __user *, ul, const struct iovec __user *, ul, ul)
SC6(sys_process_vm_writev, int, const struct iovec __user *, ul, const struct iovec __user *, ul, ul)
SC5(sys_mremap, ul, ul, ul, ul, ul)
SC2(sys_getrusage, int, struct rusage __user *)
SC3(sys_execve, const char __user *, const char __user *const __user *,
    const char __user *const __user *)
SC1(sys_exit, int)
SC1(sys_exit_group, int)
SC4(sys_wait4, int, int __user *, int, uptr)
/* clone's last two arguments come in the arch's order (asm/unistd.h: CLONE_ARG_*). */
static long w_sys_clone(ARGS6)
{
	unsigned long args[5] = { a, b, c, d, e };

	(void)f;
	return sys_clone(a, b, (int __user *)c, (int __user *)args[CLONE_ARG_CHILD_TID],
			 args[CLONE_ARG_TLS]);
}
#ifdef __NR_vfork /* x86_64's fork() and vfork(); riscv64 has only clone */
SC0(sys_fork)
SC0(sys_vfork)
#endif
SC6(sys_futex, u32 __user *, int, u32, const struct timespec __user *, u32 __user *, u32)
SC1(sys_set_tid_address, int __user *)
SC2(sys_set_robust_list, uptr, size_t)
SC3(sys_get_robust_list, int, void __user *__user *, size_t __user *)
SC0(sys_gettid)
#ifdef __NR_arch_prctl
SC2(sys_arch_prctl, int, ul)
#endif
SC2(sys_kill, int, int)
SC3(sys_tgkill, int, int, int)
SC2(sys_tkill, int, int)
SC3(sys_rt_sigqueueinfo, int, int, const siginfo_t __user *)
SC4(sys_rt_tgsigqueueinfo, int, int, int, const siginfo_t __user *)
SC4(sys_rt_sigaction, int, const struct kernel_sigaction __user *,
    struct kernel_sigaction __user *, size_t)
SC4(sys_rt_sigprocmask, int, const kernel_sigset_t __user *, kernel_sigset_t __user *, size_t)
SC2(sys_rt_sigpending, kernel_sigset_t __user *, size_t)
SC2(sys_rt_sigsuspend, const kernel_sigset_t __user *, size_t)
SC4(sys_rt_sigtimedwait, const kernel_sigset_t __user *, siginfo_t __user *,
    const struct timespec __user *, size_t)
SC0(sys_rt_sigreturn)
SC2(sys_sigaltstack, const stack_t __user *, stack_t __user *)
SC0(sys_restart_syscall)
#ifdef __NR_pause
SC0(sys_pause)
#endif
SC0(sys_getpid)
SC0(sys_getppid)
SC2(sys_setpgid, int, int)
SC1(sys_getpgid, int)
#ifdef __NR_getpgrp
SC0(sys_getpgrp)
#endif
SC0(sys_setsid)
SC1(sys_getsid, int)
SC0(sys_sched_yield)
SC2(sys_nanosleep, const struct timespec __user *, struct timespec __user *)
SC4(sys_clock_nanosleep, int, int, const struct timespec __user *, struct timespec __user *)
SC2(sys_clock_gettime, int, struct timespec __user *)
SC2(sys_clock_getres, int, struct timespec __user *)
SC1(sys_uname, struct utsname __user *)
SC3(sys_getrandom, char __user *, size_t, unsigned int)
typedef unsigned int uint;
typedef unsigned int __user *uidp;
SC0(sys_getuid)
SC0(sys_geteuid)
SC0(sys_getgid)
SC0(sys_getegid)
SC3(sys_getresuid, uidp, uidp, uidp)
SC3(sys_getresgid, uidp, uidp, uidp)
SC1(sys_setuid, uint)
SC1(sys_setgid, uint)
SC2(sys_setreuid, uint, uint)
SC2(sys_setregid, uint, uint)
SC3(sys_setresuid, uint, uint, uint)
SC3(sys_setresgid, uint, uint, uint)
SC1(sys_setfsuid, uint)
SC1(sys_setfsgid, uint)
SC2(sys_getgroups, int, uidp)
SC2(sys_setgroups, int, const unsigned int __user *)
SC2(sys_getrlimit, uint, struct rlimit __user *)
SC2(sys_setrlimit, uint, const struct rlimit __user *)
SC4(sys_prlimit64, int, uint, const struct rlimit64 __user *, struct rlimit64 __user *)
SC5(sys_prctl, int, ul, ul, ul, ul)
SC1(sys_sysinfo, struct sysinfo __user *)
SC1(sys_times, struct tms __user *)
SC3(sys_sched_getaffinity, int, uint, unsigned long __user *)
SC3(sys_sched_setaffinity, int, uint, const unsigned long __user *)
SC2(sys_getitimer, int, struct itimerval __user *)
SC3(sys_setitimer, int, const struct itimerval __user *, struct itimerval __user *)
#ifdef __NR_alarm
SC1(sys_alarm, uint)
#endif
/* Paths and the file system (kernel/namei.c, names.c, stat.c, open.c, cwd.c) */
SC3(sys_mkdirat, int, const char __user *, unsigned int)
SC3(sys_unlinkat, int, const char __user *, int)
SC5(sys_renameat2, int, const char __user *, int, const char __user *, unsigned int)
SC3(sys_symlinkat, const char __user *, int, const char __user *)
SC4(sys_newfstatat, int, const char __user *, uptr, int)
SC5(sys_statx, int, const char __user *, int, unsigned int, struct statx __user *)
SC4(sys_readlinkat, int, const char __user *, char __user *, int)
SC3(sys_faccessat, int, const char __user *, int)
SC4(sys_faccessat2, int, const char __user *, int, int)
SC2(sys_truncate, const char __user *, long)
SC2(sys_ftruncate, int, long)
SC1(sys_chdir, const char __user *)
SC1(sys_fchdir, int)
SC1(sys_umask, unsigned int)
SC4(sys_utimensat, int, const char __user *, const struct timespec __user *, int)
#ifdef __NR_open
SC3(sys_open, const char __user *, int, int)
SC2(sys_creat, const char __user *, int)
SC2(sys_stat, const char __user *, uptr)
SC2(sys_lstat, const char __user *, uptr)
SC2(sys_access, const char __user *, int)
SC2(sys_mkdir, const char __user *, unsigned int)
SC1(sys_rmdir, const char __user *)
SC1(sys_unlink, const char __user *)
SC2(sys_rename, const char __user *, const char __user *)
SC4(sys_renameat, int, const char __user *, int, const char __user *)
SC2(sys_symlink, const char __user *, const char __user *)
SC3(sys_readlink, const char __user *, char __user *, int)
#endif

#define SYSCALL(nr, fn) [nr] = w_##fn

static const syscall_fn syscall_table[NR_SYSCALLS] = {
	SYSCALL(__NR_read, sys_read),
	SYSCALL(__NR_write, sys_write),
	SYSCALL(__NR_openat, sys_openat),
	SYSCALL(__NR_close, sys_close),
	SYSCALL(__NR_lseek, sys_lseek),
	SYSCALL(__NR_fstat, sys_fstat),
	SYSCALL(__NR_getdents64, sys_getdents64),
	SYSCALL(__NR_ioctl, sys_ioctl),
	SYSCALL(__NR_getcwd, sys_getcwd),
	SYSCALL(__NR_pread64, sys_pread64),
	SYSCALL(__NR_pwrite64, sys_pwrite64),
	SYSCALL(__NR_readv, sys_readv),
	SYSCALL(__NR_writev, sys_writev),
	SYSCALL(__NR_preadv, sys_preadv),
	SYSCALL(__NR_pwritev, sys_pwritev),
	SYSCALL(__NR_pipe2, sys_pipe2),
#ifdef __NR_pipe
	SYSCALL(__NR_pipe, sys_pipe), /* x86_64 only: riscv64 has pipe2 alone */
#endif
	SYSCALL(__NR_dup, sys_dup),
#ifdef __NR_dup2
	SYSCALL(__NR_dup2, sys_dup2), /* x86_64 only: riscv64 has dup3 alone */
#endif
	SYSCALL(__NR_dup3, sys_dup3),
	SYSCALL(__NR_fcntl, sys_fcntl),
#ifdef __NR_poll
	SYSCALL(__NR_poll, sys_poll), /* x86_64 only: riscv64 has ppoll alone */
#endif
	SYSCALL(__NR_ppoll, sys_ppoll),
#ifdef __NR_select
	SYSCALL(__NR_select, sys_select), /* x86_64 only: riscv64 has pselect6 alone */
#endif
	SYSCALL(__NR_pselect6, sys_pselect6),
	SYSCALL(__NR_mmap, sys_mmap),
	SYSCALL(__NR_munmap, sys_munmap),
	SYSCALL(__NR_mprotect, sys_mprotect),
	SYSCALL(__NR_brk, sys_brk),
	SYSCALL(__NR_madvise, sys_madvise),
	SYSCALL(__NR_mincore, sys_mincore),
	SYSCALL(__NR_msync, sys_msync),
	SYSCALL(__NR_memfd_create, sys_memfd_create),
	SYSCALL(__NR_userfaultfd, sys_userfaultfd),
	SYSCALL(__NR_fallocate, sys_fallocate),
	SYSCALL(__NR_mlock, sys_mlock),
	SYSCALL(__NR_mlock2, sys_mlock2),
	SYSCALL(__NR_munlock, sys_munlock),
	SYSCALL(__NR_mlockall, sys_mlockall),
	SYSCALL(__NR_munlockall, sys_munlockall),
	SYSCALL(__NR_process_vm_readv, sys_process_vm_readv),
	SYSCALL(__NR_process_vm_writev, sys_process_vm_writev),
	SYSCALL(__NR_mremap, sys_mremap),
	SYSCALL(__NR_getrusage, sys_getrusage),
	SYSCALL(__NR_execve, sys_execve),
	SYSCALL(__NR_exit, sys_exit),
	SYSCALL(__NR_exit_group, sys_exit_group),
	SYSCALL(__NR_wait4, sys_wait4),
	SYSCALL(__NR_clone, sys_clone),
#ifdef __NR_vfork
	SYSCALL(__NR_fork, sys_fork),
	SYSCALL(__NR_vfork, sys_vfork),
#endif
	SYSCALL(__NR_kill, sys_kill),
	SYSCALL(__NR_tgkill, sys_tgkill),
	SYSCALL(__NR_tkill, sys_tkill),
	SYSCALL(__NR_rt_sigqueueinfo, sys_rt_sigqueueinfo),
	SYSCALL(__NR_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo),
	SYSCALL(__NR_rt_sigaction, sys_rt_sigaction),
	SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask),
	SYSCALL(__NR_rt_sigpending, sys_rt_sigpending),
	SYSCALL(__NR_rt_sigsuspend, sys_rt_sigsuspend),
	SYSCALL(__NR_rt_sigtimedwait, sys_rt_sigtimedwait),
	SYSCALL(__NR_rt_sigreturn, sys_rt_sigreturn),
	SYSCALL(__NR_sigaltstack, sys_sigaltstack),
	SYSCALL(__NR_restart_syscall, sys_restart_syscall),
#ifdef __NR_pause
	SYSCALL(__NR_pause, sys_pause), /* x86_64 only; riscv64 has rt_sigsuspend alone */
#endif
	SYSCALL(__NR_getpid, sys_getpid),
	SYSCALL(__NR_getppid, sys_getppid),
	SYSCALL(__NR_setpgid, sys_setpgid),
	SYSCALL(__NR_getpgid, sys_getpgid),
#ifdef __NR_getpgrp
	SYSCALL(__NR_getpgrp, sys_getpgrp), /* x86_64 only; riscv64 has getpgid(0) */
#endif
	SYSCALL(__NR_setsid, sys_setsid),
	SYSCALL(__NR_getsid, sys_getsid),
	SYSCALL(__NR_gettid, sys_gettid),
	SYSCALL(__NR_set_tid_address, sys_set_tid_address),
	SYSCALL(__NR_futex, sys_futex),
	SYSCALL(__NR_set_robust_list, sys_set_robust_list),
	SYSCALL(__NR_get_robust_list, sys_get_robust_list),
#ifdef __NR_arch_prctl
	SYSCALL(__NR_arch_prctl, sys_arch_prctl), /* x86_64 only: riscv64's tp is a register */
#endif
	SYSCALL(__NR_sched_yield, sys_sched_yield),
	SYSCALL(__NR_nanosleep, sys_nanosleep),
	SYSCALL(__NR_clock_gettime, sys_clock_gettime),
	SYSCALL(__NR_clock_getres, sys_clock_getres),
	SYSCALL(__NR_clock_nanosleep, sys_clock_nanosleep),
	SYSCALL(__NR_uname, sys_uname),
	SYSCALL(__NR_getrandom, sys_getrandom),
	SYSCALL(__NR_getuid, sys_getuid),
	SYSCALL(__NR_geteuid, sys_geteuid),
	SYSCALL(__NR_getgid, sys_getgid),
	SYSCALL(__NR_getegid, sys_getegid),
	SYSCALL(__NR_getresuid, sys_getresuid),
	SYSCALL(__NR_getresgid, sys_getresgid),
	SYSCALL(__NR_setuid, sys_setuid),
	SYSCALL(__NR_setgid, sys_setgid),
	SYSCALL(__NR_setreuid, sys_setreuid),
	SYSCALL(__NR_setregid, sys_setregid),
	SYSCALL(__NR_setresuid, sys_setresuid),
	SYSCALL(__NR_setresgid, sys_setresgid),
	SYSCALL(__NR_setfsuid, sys_setfsuid),
	SYSCALL(__NR_setfsgid, sys_setfsgid),
	SYSCALL(__NR_getgroups, sys_getgroups),
	SYSCALL(__NR_setgroups, sys_setgroups),
	SYSCALL(__NR_getrlimit, sys_getrlimit),
	SYSCALL(__NR_setrlimit, sys_setrlimit),
	SYSCALL(__NR_prlimit64, sys_prlimit64),
	SYSCALL(__NR_prctl, sys_prctl),
	SYSCALL(__NR_sysinfo, sys_sysinfo),
	SYSCALL(__NR_times, sys_times),
	SYSCALL(__NR_sched_getaffinity, sys_sched_getaffinity),
	SYSCALL(__NR_sched_setaffinity, sys_sched_setaffinity),
	SYSCALL(__NR_getitimer, sys_getitimer),
	SYSCALL(__NR_setitimer, sys_setitimer),
#ifdef __NR_alarm
	SYSCALL(__NR_alarm, sys_alarm), /* x86_64 only; riscv64 has setitimer alone */
#endif
	SYSCALL(__NR_mkdirat, sys_mkdirat),
	SYSCALL(__NR_unlinkat, sys_unlinkat),
	SYSCALL(__NR_renameat2, sys_renameat2),
	SYSCALL(__NR_symlinkat, sys_symlinkat),
	SYSCALL(__NR_newfstatat, sys_newfstatat),
	SYSCALL(__NR_statx, sys_statx),
	SYSCALL(__NR_readlinkat, sys_readlinkat),
	SYSCALL(__NR_faccessat, sys_faccessat),
	SYSCALL(__NR_faccessat2, sys_faccessat2),
	SYSCALL(__NR_truncate, sys_truncate),
	SYSCALL(__NR_ftruncate, sys_ftruncate),
	SYSCALL(__NR_chdir, sys_chdir),
	SYSCALL(__NR_fchdir, sys_fchdir),
	SYSCALL(__NR_umask, sys_umask),
	SYSCALL(__NR_utimensat, sys_utimensat),
#ifdef __NR_open
	/* x86_64's older path calls (riscv64's generic table has only the *at ones) */
	SYSCALL(__NR_open, sys_open),
	SYSCALL(__NR_creat, sys_creat),
	SYSCALL(__NR_stat, sys_stat),
	SYSCALL(__NR_lstat, sys_lstat),
	SYSCALL(__NR_access, sys_access),
	SYSCALL(__NR_mkdir, sys_mkdir),
	SYSCALL(__NR_rmdir, sys_rmdir),
	SYSCALL(__NR_unlink, sys_unlink),
	SYSCALL(__NR_rename, sys_rename),
	SYSCALL(__NR_renameat, sys_renameat),
	SYSCALL(__NR_symlink, sys_symlink),
	SYSCALL(__NR_readlink, sys_readlink),
#endif
};

long syscall_dispatch(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		      unsigned long a3, unsigned long a4, unsigned long a5)
{
	if (nr >= NR_SYSCALLS || !syscall_table[nr])
		return -ENOSYS;
	return syscall_table[nr](a0, a1, a2, a3, a4, a5);
}
