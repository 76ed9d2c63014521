/*
 * Tasks. A task is a thread of execution with its own kernel stack; a process is a
 * thread group: one or more tasks sharing an address space (mm), signal actions and
 * shared pending signals (sighand), made by clone(CLONE_THREAD). As in Linux, a task's
 * pid is its thread id; the process id is the group's tgid, the pid of its first task,
 * the group leader (kernel/thread_group.c).
 *
 * Life of a task: TASK_RUNNABLE (on the run queue) <-> TASK_RUNNING (the CPU's current)
 * -> TASK_SLEEPING (on a wait queue, until wake_up()) -> ... -> TASK_ZOMBIE (exited,
 * waiting for its parent's wait4(), which frees it).
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <asm/processor.h>
#include <asm/ptrace.h>
#include <compiler.h>
#include <mm/fault.h>
#include <uapi/signal.h>
#include <kernel/cred.h>
#include <kernel/itimer.h>
#include <kernel/wait.h>
#include <lib/list.h>
#include <mm/uaccess.h>
#include <types.h>

#define TASK_NAME_LEN 16

enum task_state {
	TASK_RUNNABLE, /* ready, on the run queue */
	TASK_RUNNING,  /* on the CPU */
	TASK_SLEEPING, /* waiting for an event; a signal wakes it (interruptible) */
	TASK_STOPPED,  /* stopped by SIGSTOP/SIGTSTP until SIGCONT or SIGKILL */
	TASK_ZOMBIE,   /* exited, not yet reaped */
};

struct sighand;

/* What restart_syscall() resumes after a stop (Linux's restart_block): the sleeps. */
struct restart_block {
	long (*fn)(struct restart_block *rb);
	u64 deadline_ns;   /* when to wake (a CPU-time sleep: that much CPU time used) */
	void *rem;         /* where to write the time left (user pointer) */
	int cpu_clock_pid; /* a CPU-time sleep: whose CPU time */
	void *futex_uaddr; /* a futex wait (kernel/futex.c): its word (user pointer), */
	u32 futex_val;     /* the value it waits on, */
	u32 futex_bitset;  /* its bitset, */
	unsigned int futex_flags; /* and its op's flags (FUTEX_PRIVATE_FLAG) */
};

struct file;
struct files_struct;
struct mm_struct;

/* User floating-point/vector state, saved while switched out (arch-defined layout). */
#define FPU_STATE_SIZE 512

struct vfork_done;

/* What a task or a process used (getrusage), as counted here. */
struct task_usage {
	unsigned long minflt, majflt; /* page faults, minor and major */
	unsigned long nvcsw, nivcsw;  /* context switches, voluntary and involuntary */
	u64 cputime_ns;               /* CPU time */
};

/*
 * What the threads of a process share beyond their signal actions (Linux's
 * signal_struct, its members we need): process group and session, the resource limits
 * and the interval timers. fork gives the child its own (group, session and limits
 * copied, no timer armed); clone(CLONE_THREAD) shares the creator's; execve keeps it.
 */
struct signal_struct {
	int count;                        /* tasks holding it, zombies included */
	int pgid;                         /* process group (kernel/pgrp.c); init's is 0, as Linux's */
	int sid;                          /* session: the process id of its leader, or 0 (init's) */
	struct rlimit rlim[RLIM_NLIMITS]; /* resource limits, by RLIMIT_* (kernel/rlimit.c) */
	struct itimer itimers[3];         /* setitimer(), by ITIMER_* (kernel/itimer.c) */
	struct task_usage dead;           /* what its exited threads used (Linux's
					     signal->utime and the rest) */
};

struct task {
	u8 fpu_state[FPU_STATE_SIZE] __aligned(64); /* x86: FXSAVE area; riscv: f0-f31, fcsr */
	int pid;                      /* thread id (Linux's pid: gettid()) */
	int tgid;                     /* process id: the group leader's pid (getpid()) */
	struct task *group_leader;    /* the first task of our thread group (maybe us) */
	struct list_head thread_group; /* in the group's list, headed by the leader's */
	int __user *set_child_tid;    /* CLONE_CHILD_SETTID: our tid goes here at start */
	int __user *clear_child_tid;  /* set_tid_address(): zeroed and futex-woken at exit */
	struct vfork_done *vfork_done; /* CLONE_VFORK: the parent waits on it until this task
					  execs or exits (kernel/fork.c) */
	void __user *robust_list;     /* set_robust_list(): walked at exit (kernel/futex_robust.c) */
	size_t robust_list_len;       /* its head's size, as given */
	char name[TASK_NAME_LEN];     /* the program's name, for messages */
	enum task_state state;
	unsigned long ksp;            /* saved kernel sp while switched out (arch_switch_context) */
	unsigned long kstack_top;     /* top of the kernel stack; struct pt_regs lies just below */
	struct mm_struct *mm;         /* user address space, NULL for the idle task */
	struct task *parent;          /* who wait4()s for us */
	struct list_head children;    /* our children, through their sibling */
	struct list_head sibling;     /* in parent->children */
	struct list_head tasks;       /* in the list of all tasks */
	struct list_head run_list;    /* in the run queue, when runnable */
	struct list_head wait_list;   /* in a wait queue, when sleeping */
	struct wait_queue child_exit; /* wait4() sleeps here; children's exits wake it */
	int exit_status;              /* wait4() status word, once a zombie */
	int exit_signal;              /* sent to the parent when we exit (SIGCHLD for fork) */
	bool did_exec;                /* has run execve(): its parent may no longer setpgid it */
	bool need_resched;            /* the tick says: give up the CPU */
	bool exiting;                 /* in do_exit(): a user pager no longer serves its faults
					 (Linux's PF_EXITING) */

	/* Signals (kernel/signal.c). sighand->siglock protects pending, blocked,
	 * real_blocked and sigqueue. */
	struct sighand *sighand;      /* the 64 actions */
	kernel_sigset_t blocked;      /* signals held back (never SIGKILL, SIGSTOP) */
	kernel_sigset_t real_blocked; /* rt_sigtimedwait: blocked to go back to (its set is
					 opened in blocked while it waits), else empty */
	kernel_sigset_t pending;      /* signals sent and not yet delivered */
	struct list_head sigqueue;    /* their siginfo, one struct sigqueue each */
	kernel_sigset_t saved_sigmask; /* rt_sigsuspend: the mask to restore after the handler */
	bool restore_sigmask;         /* saved_sigmask is valid */
	stack_t altstack;             /* sigaltstack(); ss_flags SS_DISABLE when none */
	int stop_report;              /* wait4 status of a stop not yet reported, or 0 */
	bool continued_report;        /* a SIGCONT not yet reported to wait4(WCONTINUED) */
	bool jobctl_stop;             /* another thread stopped the group: stop too */
	struct restart_block restart_block;
	struct fault_counters faults;       /* this task's page faults (getrusage, /proc/vmstat) */
	u64 cputime_ns;               /* CPU time used, one tick per tick it was running on */
	struct list_head cpu_timers;  /* sleep timers on our CPU time, soonest first
					 (kernel/sleep_timer.h); irqs off to touch */
	unsigned long child_minflt, child_majflt; /* of reaped children (RUSAGE_CHILDREN) */
	u64 child_cputime_ns;         /* CPU time of reaped children (RUSAGE_CHILDREN) */
	unsigned long nvcsw, nivcsw;  /* switches away from us: to sleep (voluntary), or
					 preempted while runnable (involuntary); getrusage */
	unsigned long child_nvcsw, child_nivcsw; /* of reaped children (RUSAGE_CHILDREN) */
	struct thread_struct thread;  /* the arch's own state (asm/processor.h): x86's last
					 exception for the signal frame, riscv64's last cause */
	struct files_struct *files;   /* the descriptor table, shared by CLONE_FILES
					 (kernel/fdtable.c); NULL once exited */

	/* Identity (kernel/cred.c): fork and clone copy it; as on Linux, setuid() and the
	 * rest change the calling thread's alone (a C library makes every thread do it). */
	struct cred cred;             /* uids, gids, groups */
	struct signal_struct *signal; /* the process's limits and interval timers */
	int pdeath_signal;            /* prctl(PR_SET_PDEATHSIG): sent when the parent dies */
	bool not_dumpable;            /* prctl(PR_SET_DUMPABLE, 0); exec clears it */
	bool no_ctty;                 /* gave up its session's terminal (TIOCNOTTY) */

	/* The file system (kernel/cwd.c, kernel/open.c, kernel/proc_pid.c) */
	struct inode *cwd;            /* working directory, a reference; NULL: the root (kernel/cwd.c) */
	unsigned int umask;           /* permission bits a new file or directory does not get */
	struct inode *exe;            /* the program exec ran (an initrd file, never freed) */
};

/* The task running on this CPU. */
extern struct task *current;

/* The register frame saved when t last entered the kernel from user mode. */
static inline struct pt_regs *task_pt_regs(struct task *t)
{
	return (struct pt_regs *)(t->kstack_top - sizeof(struct pt_regs));
}

/* What t alone used. */
void task_usage(const struct task *t, struct task_usage *u);
/* What t's process used: its exited threads and its live ones (Linux's
 * thread_group_cputime and getrusage(RUSAGE_SELF)). */
void thread_group_usage(const struct task *t, struct task_usage *u);

/* clone(CLONE_THREAD): t (new, not yet running) shares current's signal_struct. */
void share_signal_struct(struct task *t);

/* A new task with a kernel stack, not yet runnable, or NULL. */
struct task *task_alloc(const char *name);
/* Free a task that never ran, or a reaped zombie. */
void task_free(struct task *t);
/* The live or zombie task with that pid, or NULL. */
struct task *find_task(int pid);
/* The OOM killer's choice: the process with the highest oom_badness(), never init; or NULL. */
struct task *oom_choose_victim(void);
/* The task after t in the list of all tasks (t NULL: the first), or NULL after the last;
 * idle is not in it. Zombies are. */
struct task *task_next(struct task *t);
/* Count the tasks in existence (for tests). */
int nr_tasks(void);
void task_set_name(struct task *t, const char *name);

/* The task after t in its thread group, NULL after the last (the leader is first). */
static inline struct task *next_thread(struct task *t)
{
	struct list_head *next = t->thread_group.next;
	struct task *n = list_entry(next, struct task, thread_group);

	return n == t->group_leader ? NULL : n;
}

/* Every task of p's thread group, the leader first, zombies included. */
#define for_each_thread(p, t) for ((t) = (p)->group_leader; (t); (t) = next_thread(t))

#endif
