/* setitimer, getitimer, alarm (see itimer.h). */
#include <errno.h>
#include <kernel/itimer.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/timer.h>

#define NSEC_PER_SEC  1000000000ULL
#define NSEC_PER_USEC 1000ULL

static const int itimer_signal[3] = { SIGALRM, SIGVTALRM, SIGPROF };

/* The clock an interval timer runs on, now. */
static u64 itimer_clock(int which, struct task *t)
{
	return which == ITIMER_REAL ? ktime_get_ns() : t->cputime_ns;
}

/* Expiry (timer lock held, interrupts off): the signal, then the next period, skipping
 * the periods that already passed (Linux's hrtimer_forward). */
static u64 itimer_fire(struct sleep_timer *st, u64 now)
{
	struct itimer *it = container_of(st, struct itimer, timer);
	int which = (int)(it - it->task->signal->itimers);
	u64 next;

	/* To the process (any of its threads), SI_KERNEL, as Linux's. */
	send_signal(itimer_signal[which], NULL, it->task);
	if (!it->interval_ns)
		return 0;
	next = st->expires + it->interval_ns;
	if (next < st->expires)
		return 0; /* past the end of time: never again */
	if (next <= now)
		next += ((now - next) / it->interval_ns + 1) * it->interval_ns;
	return next;
}

static struct timeval ns_to_timeval(u64 ns)
{
	struct timeval tv = { (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / NSEC_PER_USEC) };

	return tv;
}

/* Linux's timeval check: seconds not negative, microseconds within a second. */
static bool timeval_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && (unsigned long)tv->tv_usec < 1000000UL;
}

/* A valid timeval in nanoseconds, saturating (Linux's KTIME_MAX) instead of wrapping. */
static u64 timeval_to_ns(const struct timeval *tv)
{
	const u64 max_ns = (1ULL << 63) - 1;

	if ((u64)tv->tv_sec >= max_ns / NSEC_PER_SEC)
		return max_ns;
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * NSEC_PER_USEC;
}

/* What is left of timer which of current's process, and its interval. An armed timer at or past
 * its time says 1 us (REAL) or one tick (CPU), as Linux's: never 0 while armed. */
static void itimer_get(int which, struct itimerval *val)
{
	struct itimer *it = &current->signal->itimers[which];
	u64 expires = it->started ? sleep_timer_expires(&it->timer) : 0, left = 0;

	if (expires) {
		u64 now = itimer_clock(which, current);

		left = expires > now ? expires - now :
		       which == ITIMER_REAL ? NSEC_PER_USEC : TICK_NSEC;
	}
	val->it_value = ns_to_timeval(left);
	val->it_interval = ns_to_timeval(it->interval_ns);
}

long sys_getitimer(int which, struct itimerval __user *value)
{
	struct itimerval val;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	itimer_get(which, &val);
	return copy_to_user(value, &val, sizeof(val)) ? -EFAULT : 0;
}

/* Disarm timer which of current's process; arm it for value_ns from now with interval_ns (value 0:
 * stays disarmed). Linux keeps a REAL interval only with a value, a CPU one always, and
 * adds a tick to a CPU timer's first period. */
static void itimer_set(int which, u64 value_ns, u64 interval_ns)
{
	struct itimer *it = &current->signal->itimers[which];

	if (it->started)
		sleep_timer_cancel(&it->timer);
	it->task = current->group_leader; /* lives as long as the process */
	it->interval_ns = (which == ITIMER_REAL && !value_ns) ? 0 : interval_ns;
	if (!value_ns)
		return;
	if (which != ITIMER_REAL)
		value_ns += TICK_NSEC;
	it->started = true;
	sleep_timer_start_fn(&it->timer, which == ITIMER_REAL ? NULL : current,
			     itimer_clock(which, current) + value_ns, itimer_fire);
}

/* setitimer(which, NULL, old) disarms the timer, as Linux still accepts. */
long sys_setitimer(int which, const struct itimerval __user *value,
		   struct itimerval __user *ovalue)
{
	struct itimerval new = { { 0, 0 }, { 0, 0 } }, old;

	if (value && copy_from_user(&new, value, sizeof(new)))
		return -EFAULT;
	if (!timeval_valid(&new.it_value) || !timeval_valid(&new.it_interval))
		return -EINVAL;
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	itimer_get(which, &old);
	itimer_set(which, timeval_to_ns(&new.it_value), timeval_to_ns(&new.it_interval));
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* alarm(seconds): ITIMER_REAL once, in whole seconds; returns the seconds that were
 * left, rounded to the nearest (never 0 for an armed timer), as Linux's. */
long sys_alarm(unsigned int seconds)
{
	struct itimerval old;

	itimer_get(ITIMER_REAL, &old);
	itimer_set(ITIMER_REAL, (u64)seconds * NSEC_PER_SEC, 0);
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}

void exit_itimers(struct task *t)
{
	for (int which = ITIMER_REAL; which <= ITIMER_PROF; which++)
		if (t->signal->itimers[which].started)
			sleep_timer_cancel(&t->signal->itimers[which].timer);
}

void itimers_thread_exit(struct task *t)
{
	for (int which = ITIMER_VIRTUAL; which <= ITIMER_PROF; which++) {
		struct itimer *it = &t->signal->itimers[which];
		struct task *heir = NULL, *u;
		u64 expires, left;

		if (!it->started || it->timer.cpu_target != t)
			continue;
		expires = sleep_timer_expires(&it->timer);
		if (!expires)
			continue;
		for_each_thread(t, u)
			if (u != t && u->state != TASK_ZOMBIE && !heir)
				heir = u;
		if (!heir)
			continue; /* the last thread: exit_itimers() stops it */
		sleep_timer_cancel(&it->timer);
		left = expires > t->cputime_ns ? expires - t->cputime_ns : 0;
		sleep_timer_start_fn(&it->timer, heir, heir->cputime_ns + left, itimer_fire);
	}
}

void itimers_new_leader(struct task *leader)
{
	for (int which = ITIMER_REAL; which <= ITIMER_PROF; which++)
		leader->signal->itimers[which].task = leader;
}
