/* Clocks and sleeping: clock_gettime, clock_getres, nanosleep, clock_nanosleep (see time.h). */
#include <arch.h>
#include <errno.h>
#include <kernel/sleep_timer.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/wait.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

#define NSEC_PER_SEC 1000000000ULL

static long nanosleep_restart(struct restart_block *rb);

u64 ktime_get_ns(void)
{
	u64 cycles = arch_cycle_counter(), freq = arch_cycle_frequency();

	if (!freq)
		return 0;
	/* Split so that cycles * 10^9 cannot overflow. */
	return cycles / freq * NSEC_PER_SEC + cycles % freq * NSEC_PER_SEC / freq;
}

/*
 * The clocks, by Linux's ids. There is no real-time clock chip, no NTP and no suspend,
 * so every wall and monotonic clock counts from boot on the one counter:
 *
 *   REALTIME, TAI, MONOTONIC, MONOTONIC_RAW, BOOTTIME    ktime_get_ns(), 1 ns steps
 *   REALTIME_COARSE, MONOTONIC_COARSE                   the same, cut down to a whole
 *                                                       tick (Linux: the time at the
 *                                                       last tick); cannot be slept on
 *   REALTIME_ALARM, BOOTTIME_ALARM                      need a real-time clock chip
 *                                                       with an alarm: -EINVAL, as
 *                                                       Linux without one
 *   PROCESS_CPUTIME_ID, THREAD_CPUTIME_ID, and the      CPU time, tick-sampled
 *   negative ids of other processes' CPU clocks
 *
 * Any other id is -EINVAL.
 */
enum clock_kind {
	CLOCK_BAD,    /* no such clock: -EINVAL */
	CLOCK_FINE,   /* ktime_get_ns() */
	CLOCK_COARSE, /* ktime_get_ns() to the tick */
	CLOCK_CPU,    /* a task's CPU time */
};

/*
 * A negative clock id names a CPU-time clock (Linux's CPUCLOCK_* encoding): bits 0-1 say
 * which (0 PROF, 1 VIRT, 2 SCHED: all the one CPU time here; 3 with bit 2 clear is a
 * clock behind a file descriptor, which we do not have), bit 2 says thread rather than
 * process, and the bits above hold ~pid (pid 0: the caller).
 */
#define CPUCLOCK_WHICH(id)     ((id) & 3)
#define CPUCLOCK_PERTHREAD(id) (((id) & 4) != 0)
#define CPUCLOCK_PID(id)       (~((id) >> 3))
#define CPUCLOCK_MAX           3

/* The task whose CPU time the negative id names, or NULL (Linux's lookup_task): a thread
 * clock only for a thread of the caller's process, a process clock for any process (any
 * of its threads' ids names it). */
static struct task *cpu_clock_task(int id)
{
	int pid = CPUCLOCK_PID(id);
	struct task *t;

	if (CPUCLOCK_WHICH(id) >= CPUCLOCK_MAX)
		return NULL;
	if (pid == 0 || pid == current->pid)
		return current;
	if (pid < 0)
		return NULL;
	t = find_task(pid);
	if (t && CPUCLOCK_PERTHREAD(id) && t->tgid != current->tgid)
		return NULL; /* another process's thread */
	return t;
}

/* The CPU time on clock id of task: one thread's, or all of its process's threads'. */
static u64 cpu_clock_now(int id, struct task *task)
{
	struct task_usage u;

	if (id == CLOCK_THREAD_CPUTIME_ID || (id < 0 && CPUCLOCK_PERTHREAD(id)))
		return task->cputime_ns;
	thread_group_usage(task, &u);
	return u.cputime_ns;
}

/* What kind of clock id is; for a CPU clock, *task is the task it measures. */
static enum clock_kind clock_kind(int id, struct task **task)
{
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		return CLOCK_FINE;
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return CLOCK_COARSE;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*task = current;
		return CLOCK_CPU;
	}
	if (id < 0) {
		*task = cpu_clock_task(id);
		return *task ? CLOCK_CPU : CLOCK_BAD;
	}
	return CLOCK_BAD;
}

static struct timespec ns_to_timespec(u64 ns)
{
	struct timespec ts = { (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC) };

	return ts;
}

long sys_clock_gettime(int id, struct timespec __user *tp)
{
	struct task *task = NULL;
	struct timespec ts;
	u64 now;

	switch (clock_kind(id, &task)) {
	case CLOCK_FINE:
		now = ktime_get_ns();
		break;
	case CLOCK_COARSE:
		now = ktime_get_ns();
		now -= now % TICK_NSEC;
		break;
	case CLOCK_CPU:
		now = cpu_clock_now(id, task);
		break;
	default:
		return -EINVAL;
	}
	ts = ns_to_timespec(now);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres(int id, struct timespec __user *tp)
{
	struct task *task = NULL;
	struct timespec ts;

	switch (clock_kind(id, &task)) {
	case CLOCK_FINE:
		ts = ns_to_timespec(1); /* Linux's hrtimer resolution; our counter is finer */
		break;
	case CLOCK_COARSE:
		ts = ns_to_timespec(TICK_NSEC);
		break;
	case CLOCK_CPU:
		/*
		 * Linux's posix_cpu_clock_getres(): 1 ns for the SCHED clocks (the process and
		 * thread CPU-time ids are SCHED clocks), a tick for PROF and VIRT. Ours are all
		 * sampled by the tick; we answer as Linux, which programs compare against.
		 */
		ts = ns_to_timespec(id >= 0 || CPUCLOCK_WHICH(id) == 2 ? 1 : TICK_NSEC);
		break;
	default:
		return -EINVAL;
	}
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

/* Sleep until ktime_get_ns() >= deadline: 0, or -ERESTARTSYS for a signal. Only the tick
 * after the deadline wakes us (kernel/sleep_timer.h), or a signal. */
static long sleep_on_clock(u64 deadline)
{
	struct sleep_timer timer;
	long err;

	sleep_timer_start(&timer, deadline);
	err = wait_event_interruptible(&timer.wait, ktime_get_ns() >= deadline);
	sleep_timer_cancel(&timer);
	return err;
}

/*
 * Sleep until deadline. Interrupted by a signal: write the time left to *urem and
 * return -ERESTART_RESTARTBLOCK: a handler makes that -EINTR; a signal without a
 * handler (a stop and continue, say) resumes the sleep through restart_syscall().
 */
static long sleep_until(u64 deadline, struct timespec __user *urem)
{
	struct restart_block *rb = &current->restart_block;
	struct timespec rem = { 0, 0 };
	u64 now;

	if (sleep_on_clock(deadline) == 0)
		return 0;
	now = ktime_get_ns();
	if (now < deadline)
		rem = ns_to_timespec(deadline - now);
	if (urem && copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->deadline_ns = deadline;
	rb->rem = urem;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	rb->fn = NULL;
	return sleep_until(rb->deadline_ns, rb->rem);
}

long get_sleep_time(const struct timespec __user *ureq, u64 *ns)
{
	struct timespec req;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	if ((u64)req.tv_sec >= ~0ULL / NSEC_PER_SEC / 2)
		*ns = ~0ULL;
	else
		*ns = (u64)req.tv_sec * NSEC_PER_SEC + (u64)req.tv_nsec;
	return 0;
}

u64 deadline_after(u64 ns)
{
	u64 now = ktime_get_ns();

	return ns > ~0ULL - now ? ~0ULL : now + ns;
}

long sys_nanosleep(const struct timespec __user *ureq, struct timespec __user *urem)
{
	u64 ns;
	long err = get_sleep_time(ureq, &ns);

	if (err)
		return err;
	return sleep_until(deadline_after(ns), urem);
}

long sleep_until_or_signal(u64 deadline)
{
	return sleep_on_clock(deadline) ? -EINTR : 0;
}

/* Sleep until an absolute time: a signal without a handler simply makes the same call
 * again (the deadline does not move), a handler makes it -EINTR (Linux's rule). */
static long sleep_until_abs(u64 deadline)
{
	return sleep_on_clock(deadline) ? -ERESTARTNOHAND : 0;
}

static long cpu_nanosleep_restart(struct restart_block *rb);

/*
 * Sleep until task (process pid) has used target nanoseconds of CPU time. Our own
 * process's cannot advance while its one thread sleeps, and a process that is gone
 * (task NULL) never will: those wait for a signal, as on Linux. The tick that charges
 * task wakes us once it is there (kernel/sleep_timer.h); nobody looks up the task again.
 * Interrupted: as a time sleep, -ERESTARTNOHAND for an absolute target, else the CPU
 * time left in *urem and -ERESTART_RESTARTBLOCK.
 */
static long cpu_sleep_until(struct task *task, int pid, u64 target, bool abs,
			    struct timespec __user *urem)
{
	struct restart_block *rb = &current->restart_block;
	struct timespec rem = { 0, 0 };
	struct sleep_timer timer;
	long err;
	u64 now;

	sleep_timer_start_cpu(&timer, task, target);
	err = wait_event_interruptible(&timer.wait, sleep_timer_cpu_now(&timer) >= target);
	now = sleep_timer_cancel(&timer);
	if (err == 0)
		return 0;
	if (abs)
		return -ERESTARTNOHAND;
	if (now < target)
		rem = ns_to_timespec(target - now);
	if (urem && copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	rb->fn = cpu_nanosleep_restart;
	rb->deadline_ns = target;
	rb->rem = urem;
	rb->cpu_clock_pid = pid;
	return -ERESTART_RESTARTBLOCK;
}

static long cpu_nanosleep_restart(struct restart_block *rb)
{
	rb->fn = NULL;
	return cpu_sleep_until(find_task(rb->cpu_clock_pid), rb->cpu_clock_pid, rb->deadline_ns,
			       false, rb->rem);
}

/* clock_nanosleep on a process CPU-time clock: CLOCK_PROCESS_CPUTIME_ID or a negative
 * id; see sys_clock_nanosleep. */
static long cpu_clock_nanosleep(int id, int flags, const struct timespec __user *ureq,
				struct timespec __user *urem)
{
	struct task *task = id < 0 ? cpu_clock_task(id) : current;
	u64 ns;
	long err;

	if (id < 0 && (id & 7) == 3)
		return -EOPNOTSUPP; /* a file-descriptor clock: none can be slept on */
	err = get_sleep_time(ureq, &ns);
	if (err)
		return err;
	if (!task || (id < 0 && CPUCLOCK_PERTHREAD(id) && task == current))
		return -EINVAL; /* no such clock, or our own thread's, which sleeping stops */
	if (flags & TIMER_ABSTIME)
		return cpu_sleep_until(task, task->pid, ns, true, NULL);
	ns = ns > ~0ULL - task->cputime_ns ? ~0ULL : task->cputime_ns + ns;
	return cpu_sleep_until(task, task->pid, ns, false, urem);
}

/*
 * clock_nanosleep, in Linux's order of checks: -EINVAL for no such clock; -EOPNOTSUPP for
 * a clock nobody can sleep on (MONOTONIC_RAW, the coarse ones, THREAD_CPUTIME_ID);
 * -EFAULT and -EINVAL for the time; then what the clock itself says: the alarm clocks
 * need their chip (-EOPNOTSUPP, as Linux without one); a process's CPU-time clock sleeps
 * until that process has used the time. Every other clock counts from boot, so an
 * absolute time is a ktime_get_ns() deadline.
 */
long sys_clock_nanosleep(int id, int flags, const struct timespec __user *ureq,
			 struct timespec __user *urem)
{
	u64 ns;
	long err;

	if (id < 0 || id == CLOCK_PROCESS_CPUTIME_ID)
		return cpu_clock_nanosleep(id, flags, ureq, urem);
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		break;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_THREAD_CPUTIME_ID:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
	err = get_sleep_time(ureq, &ns);
	if (err)
		return err;
	if (id == CLOCK_REALTIME_ALARM || id == CLOCK_BOOTTIME_ALARM)
		return -EOPNOTSUPP;
	if (flags & TIMER_ABSTIME)
		return sleep_until_abs(ns);
	return sleep_until(deadline_after(ns), urem);
}
