/*
 * Resource limits, interval timers, process times and system information: Linux's
 * numbers and struct layouts (include/uapi/asm-generic/resource.h, linux/time.h,
 * linux/times.h, linux/sysinfo.h, linux/prctl.h). Shared by the kernel and user/.
 */
#ifndef UAPI_RESOURCE_H
#define UAPI_RESOURCE_H

#include <uapi/abi.h>

/* getrlimit/setrlimit/prlimit64 resources, in Linux's generic numbering (both arches) */
#define RLIMIT_CPU        0  /* CPU time, seconds */
#define RLIMIT_FSIZE      1  /* largest file size */
#define RLIMIT_DATA       2  /* data segment size */
#define RLIMIT_STACK      3  /* how far the main stack may grow */
#define RLIMIT_CORE       4  /* core file size */
#define RLIMIT_RSS        5  /* resident set size (not enforced, as in Linux) */
#define RLIMIT_NPROC      6  /* processes per user */
#define RLIMIT_NOFILE     7  /* one more than the highest descriptor number */
#define RLIMIT_MEMLOCK    8  /* locked-in-memory bytes */
#define RLIMIT_AS         9  /* address-space size */
#define RLIMIT_LOCKS      10 /* file locks */
#define RLIMIT_SIGPENDING 11 /* queued signals */
#define RLIMIT_MSGQUEUE   12 /* POSIX message queue bytes */
#define RLIMIT_NICE       13 /* ceiling for the nice value */
#define RLIMIT_RTPRIO     14 /* ceiling for real-time priority */
#define RLIMIT_RTTIME     15 /* real-time CPU time without sleeping, microseconds */
#define RLIM_NLIMITS      16
#define RLIM_INFINITY     (~0UL)

struct rlimit {
	unsigned long rlim_cur; /* the soft limit: what is enforced */
	unsigned long rlim_max; /* the hard limit: the ceiling for rlim_cur */
};

struct rlimit64 {
	unsigned long long rlim_cur;
	unsigned long long rlim_max;
};

/* Interval timers (setitimer/getitimer) */
#define ITIMER_REAL    0 /* wall time; SIGALRM */
#define ITIMER_VIRTUAL 1 /* user CPU time; SIGVTALRM */
#define ITIMER_PROF    2 /* all CPU time; SIGPROF */

struct itimerval {
	struct timeval it_interval; /* the period after each expiry; 0: one shot */
	struct timeval it_value;    /* time to the next expiry; 0: disarmed */
};

/* times(): CPU time in clock ticks (USER_HZ, 100 a second on Linux) */
#define USER_HZ 100

struct tms {
	long tms_utime;
	long tms_stime;
	long tms_cutime;
	long tms_cstime;
};

struct sysinfo {
	long uptime;             /* seconds since boot */
	unsigned long loads[3];  /* 1, 5 and 15 minute load averages, << 16 */
	unsigned long totalram;  /* in units of mem_unit bytes */
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;    /* number of processes */
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

/* prctl() options */
#define PR_SET_PDEATHSIG 1  /* signal to receive when the parent dies */
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE  3
#define PR_SET_DUMPABLE  4
#define PR_SET_NAME      15 /* the task's name, 16 bytes with its NUL */
#define PR_GET_NAME      16

#endif
