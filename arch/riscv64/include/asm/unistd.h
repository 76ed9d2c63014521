/*
 * System call numbers for riscv64: Linux's own (the generic table,
 * include/uapi/asm-generic/unistd.h). Shared by the kernel and user/, so a program
 * built here runs unchanged on Linux. ABI: `ecall`, number in a7, arguments in a0-a5,
 * result in a0 (negative errno on failure).
 */
#ifndef ASM_UNISTD_H
#define ASM_UNISTD_H

#define __NR_getcwd         17
#define __NR_dup             23
#define __NR_dup3            24
#define __NR_fcntl           25
#define __NR_ioctl          29
#define __NR_mkdirat        34
#define __NR_unlinkat       35
#define __NR_symlinkat      36
#define __NR_truncate       45
#define __NR_ftruncate      46
#define __NR_faccessat      48
#define __NR_chdir          49
#define __NR_fchdir         50
#define __NR_openat         56
#define __NR_close          57
#define __NR_pipe2           59
#define __NR_getdents64     61
#define __NR_lseek          62
#define __NR_read           63
#define __NR_write          64
#define __NR_readv           65
#define __NR_writev          66
#define __NR_pread64         67
#define __NR_pwrite64        68
#define __NR_preadv          69
#define __NR_pwritev         70
#define __NR_pselect6        72
#define __NR_ppoll           73
#define __NR_readlinkat     78
#define __NR_newfstatat     79
#define __NR_fstat          80
#define __NR_utimensat      88
#define __NR_exit           93
#define __NR_exit_group     94
#define __NR_set_tid_address 96
#define __NR_futex          98
#define __NR_set_robust_list 99
#define __NR_get_robust_list 100
#define __NR_nanosleep      101
#define __NR_getitimer      102
#define __NR_setitimer      103
#define __NR_clock_gettime  113
#define __NR_clock_getres   114
#define __NR_clock_nanosleep 115
#define __NR_sched_setaffinity 122
#define __NR_sched_getaffinity 123
#define __NR_sched_yield    124
#define __NR_restart_syscall 128
#define __NR_kill           129
#define __NR_tkill          130
#define __NR_tgkill         131
#define __NR_sigaltstack    132
#define __NR_rt_sigsuspend  133
#define __NR_rt_sigaction   134
#define __NR_rt_sigprocmask 135
#define __NR_rt_sigpending  136
#define __NR_rt_sigtimedwait 137
#define __NR_rt_sigqueueinfo 138
#define __NR_rt_sigreturn   139
#define __NR_setregid       143
#define __NR_setgid         144
#define __NR_setreuid       145
#define __NR_setuid         146
#define __NR_setresuid      147
#define __NR_getresuid      148
#define __NR_setresgid      149
#define __NR_getresgid      150
#define __NR_setfsuid       151
#define __NR_setfsgid       152
#define __NR_times          153
#define __NR_setpgid        154
#define __NR_getpgid        155
#define __NR_getsid         156
#define __NR_setsid         157
#define __NR_getgroups      158
#define __NR_setgroups      159
#define __NR_uname          160
#define __NR_getrlimit      163
#define __NR_setrlimit      164
#define __NR_getrusage      165
#define __NR_umask          166
#define __NR_prctl          167
#define __NR_getpid         172
#define __NR_getppid        173
#define __NR_getuid         174
#define __NR_geteuid        175
#define __NR_getgid         176
#define __NR_getegid        177
#define __NR_gettid         178
#define __NR_sysinfo        179
#define __NR_brk            214
#define __NR_munmap         215
#define __NR_mremap         216
#define __NR_clone          220
#define __NR_execve         221
#define __NR_mmap           222
#define __NR_mprotect       226
#define __NR_mincore        232
#define __NR_madvise        233
#define __NR_mlock           228
#define __NR_munlock         229
#define __NR_mlockall        230
#define __NR_munlockall      231
#define __NR_userfaultfd     282
#define __NR_mlock2          284
#define __NR_process_vm_readv 270
#define __NR_process_vm_writev 271
#define __NR_rt_tgsigqueueinfo 240
#define __NR_wait4          260
#define __NR_prlimit64      261
#define __NR_renameat2      276
#define __NR_getrandom      278
#define __NR_statx          291
#define __NR_faccessat2     439

#define NR_SYSCALLS         440 /* one past the highest number above */

/* clone's argument order on riscv64 (Linux's CONFIG_CLONE_BACKWARDS): flags, newsp,
 * parent_tid, tls, child_tid (the index of each of the last two). */
#define CLONE_ARG_CHILD_TID 4
#define CLONE_ARG_TLS       3

#define __NR_msync           227
#define __NR_fallocate       47
#define __NR_memfd_create    279
#endif
