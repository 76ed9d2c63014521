/*
 * The parts of Linux's user ABI that are the same on riscv64 and x86_64: constants and
 * struct layouts from Linux's include/uapi. Shared by the kernel and user/ (a program
 * built against these runs unchanged on Linux). Per-arch layouts (struct stat) and the
 * syscall numbers are in asm/stat.h and asm/unistd.h.
 */
#ifndef UAPI_ABI_H
#define UAPI_ABI_H

/* openat() */
#define AT_FDCWD      (-100)
#define O_RDONLY      0
#define O_WRONLY      1
#define O_RDWR        2
#define O_ACCMODE     3
#define O_CREAT       0100
#define O_TRUNC       01000
#define O_APPEND      02000
#define O_DIRECTORY   0200000
#define O_CLOEXEC     02000000

/* lseek() */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* st_mode */
#define S_IFMT   0170000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFREG  0100000
#define S_IFIFO  0010000

/* d_type in struct linux_dirent64 */
#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8

/* mmap() and mprotect() */
#define PROT_NONE  0
#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4
#define MAP_SHARED          0x01
#define MAP_PRIVATE         0x02
#define MAP_SHARED_VALIDATE 0x03     /* MAP_SHARED, but unknown flags are EOPNOTSUPP */
#define MAP_TYPE            0x0f     /* the bits that say shared or private */
#define MAP_FIXED           0x10
#define MAP_ANONYMOUS       0x20
#define MAP_LOCKED          0x2000   /* mlock() it: VM_LOCKED, populated */
#define MAP_NORESERVE       0x4000   /* accepted; nothing is reserved anyway */
#define MAP_POPULATE        0x8000   /* fault every page in now */
#define MAP_NONBLOCK        0x10000  /* with MAP_POPULATE: do not populate */
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_FAILED          ((void *)-1)

/* madvise() */
#define MADV_NORMAL   0
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE     8   /* anonymous pages may go whenever memory is short */
#define MADV_REMOVE   9   /* shared memory: free the backing (a hole punched in the file) */
#define MADV_POPULATE_READ  22 /* fault the range in for reading, now */
#define MADV_POPULATE_WRITE 23 /* fault the range in for writing, now */

/* mlockall() flags and mlock2() flags (Linux's asm-generic/mman-common.h values). */
#define MCL_CURRENT   1 /* lock every page mapped now */
#define MCL_FUTURE    2 /* lock every mapping made later */
#define MCL_ONFAULT   4 /* lock pages as they are faulted in, do not populate */
#define MLOCK_ONFAULT 1 /* mlock2(): lock pages as they are faulted in */
#define MADV_HWPOISON 100

/* msync() */
#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC       4

/* getrusage() */
#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

struct timeval {
	long tv_sec;
	long tv_usec;
};

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss;   /* largest resident set, in KiB */
	long ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt;   /* page faults needing no I/O */
	long ru_majflt;   /* page faults needing I/O (here: a read from the initrd) */
	long ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw, ru_nivcsw;
};

/* wait4() options and status encoding */
#define WNOHANG    1
#define WUNTRACED  2 /* also report stopped children (WSTOPPED) */
#define WCONTINUED 8 /* also report children continued by SIGCONT */
#define __WNOTHREAD 0x20000000 /* only this thread's children (accepted: one thread) */
#define __WALL      0x40000000 /* children of any exit signal */
#define __WCLONE    0x80000000 /* only "clone" children: exit signal other than SIGCHLD */
#define WIFEXITED(s)    (((s) & 0x7f) == 0)
#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WIFSIGNALED(s)  (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)     (((s) >> 8) & 0xff)
#define WIFCONTINUED(s) ((s) == 0xffff)

/* Signal numbers (the same on both arches). */
#define SIGHUP   1
#define SIGINT   2
#define SIGQUIT  3
#define SIGILL   4
#define SIGTRAP  5
#define SIGABRT  6
#define SIGBUS   7
#define SIGFPE   8
#define SIGKILL  9
#define SIGUSR1  10
#define SIGSEGV  11
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGCHLD  17
#define SIGCONT  18
#define SIGSTOP  19
#define SIGTSTP  20
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGURG   23
#define SIGXCPU  24
#define SIGXFSZ  25
#define SIGVTALRM 26
#define SIGPROF  27
#define SIGWINCH 28
#define SIGIO    29
#define SIGPOLL  SIGIO
#define SIGSYS   31

/* clone() flags: the low byte is the signal sent to the parent at exit. */
#define CSIGNAL        0xff
#define CLONE_VM       0x00000100 /* share the address space */
#define CLONE_FS       0x00000200 /* share the working directory and umask */
#define CLONE_FILES    0x00000400 /* share the file descriptor table */
#define CLONE_SIGHAND  0x00000800 /* share the signal actions */
#define CLONE_PTRACE   0x00002000 /* trace the child too if we are traced */
#define CLONE_VFORK    0x00004000 /* the parent sleeps until the child execs or exits */
#define CLONE_PARENT   0x00008000 /* the child is our sibling, not our child */
#define CLONE_THREAD   0x00010000 /* the child is a thread of our group */
#define CLONE_SYSVSEM  0x00040000 /* share System V semaphore undo lists */
#define CLONE_SETTLS   0x00080000 /* the child's thread pointer is the tls argument */
#define CLONE_PARENT_SETTID  0x00100000 /* write the child's tid to *parent_tid */
#define CLONE_CHILD_CLEARTID 0x00200000 /* at the child's exit: *child_tid = 0, futex wake */
#define CLONE_DETACHED 0x00400000 /* ignored (Linux ignores it too) */
#define CLONE_UNTRACED 0x00800000 /* a tracer may not force CLONE_PTRACE */
#define CLONE_CHILD_SETTID   0x01000000 /* the child writes its tid to *child_tid */
#define CLONE_IO       0x80000000 /* share the I/O context */

/* Clock ids (clock_gettime, clock_getres, clock_nanosleep); 10 was SGI's, now gone. A
 * negative id names a process's or thread's CPU-time clock (see kernel/time.c). */
#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define CLOCK_REALTIME_ALARM     8
#define CLOCK_BOOTTIME_ALARM     9
#define CLOCK_TAI                11
#define TIMER_ABSTIME            1 /* clock_nanosleep: the time is a deadline */

/* The auxiliary vector's keys (include/uapi/linux/auxvec.h). */
#define AT_NULL   0
#define AT_PHDR   3
#define AT_PHENT  4
#define AT_PHNUM  5
#define AT_PAGESZ 6
#define AT_ENTRY  9
#define AT_RANDOM 25

struct timespec {
	long tv_sec;
	long tv_nsec;
};

struct utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;        /* position after this entry, for lseek */
	unsigned short d_reclen; /* size of this entry, 8-byte aligned */
	unsigned char d_type;   /* DT_* */
	char d_name[];          /* NUL-terminated */
};

#include <uapi/fs.h>

#endif
