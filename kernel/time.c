/* clock_gettime() and nanosleep() (see time.h). */
#include <arch.h>
#include <errno.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/wait.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

#define NSEC_PER_SEC 1000000000ULL

static struct wait_queue sleepers = { LIST_HEAD_INIT(sleepers.sleepers) };

static long nanosleep_restart(struct restart_block *rb);

u64 ktime_get_ns(void)
{
	u64 cycles = arch_cycle_counter(), freq = arch_cycle_frequency();

	if (!freq)
		return 0;
	/* Split so that cycles * 10^9 cannot overflow. */
	return cycles / freq * NSEC_PER_SEC + cycles % freq * NSEC_PER_SEC / freq;
}

void time_tick(void)
{
	wake_up(&sleepers); /* each sleeper checks its own deadline */
}

long sys_clock_gettime(int clock, void __user *tp)
{
	u64 now = ktime_get_ns();
	struct timespec ts = { (long)(now / NSEC_PER_SEC), (long)(now % NSEC_PER_SEC) };

	/* No real-time clock yet: the realtime clock also counts from boot. */
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return -EINVAL;
	return copy_to_user(tp, &ts, sizeof(ts));
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

	if (wait_event_interruptible(&sleepers, ktime_get_ns() >= deadline) == 0)
		return 0;
	now = ktime_get_ns();
	if (now < deadline) {
		rem.tv_sec = (long)((deadline - now) / NSEC_PER_SEC);
		rem.tv_nsec = (long)((deadline - now) % NSEC_PER_SEC);
	}
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

long sys_nanosleep(const void __user *ureq, void __user *urem)
{
	struct timespec req;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	/* A sleep past the year 2554 (u64 nanoseconds): as good as forever, never a wrap. */
	if ((u64)req.tv_sec >= ~0ULL / NSEC_PER_SEC / 2)
		return sleep_until(~0ULL, urem);
	return sleep_until(ktime_get_ns() + (u64)req.tv_sec * NSEC_PER_SEC + (u64)req.tv_nsec, urem);
}
