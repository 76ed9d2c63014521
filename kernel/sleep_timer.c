/* Sleep timers: the queues the tick looks at (see sleep_timer.h). */
#include <arch.h>
#include <kernel/sleep_timer.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/time.h>

/*
 * Protects clock_timers, every task's cpu_timers list, and the fields of the timers on
 * them (node, cpu_target, cpu_seen). Taken by the tick (run_sleep_timers), and held
 * while a fired timer wakes its sleeper (wait queue lock, then rq_lock, nest inside).
 */
static DEFINE_SPINLOCK(timer_lock);
/* Timers on ktime_get_ns(), soonest first; under timer_lock. */
static LIST_HEAD(clock_timers);

/* Put t into queue q before the first timer that expires later (equal ones keep their
 * order of arrival). Under timer_lock. */
static void enqueue(struct list_head *q, struct sleep_timer *t)
{
	struct list_head *pos;

	list_for_each(pos, q)
		if (list_entry(pos, struct sleep_timer, node)->expires > t->expires)
			break;
	list_add_tail(&t->node, pos); /* before pos: pos == q puts it last */
}

static void timer_init(struct sleep_timer *t, u64 expires)
{
	INIT_LIST_HEAD(&t->node);
	init_wait_queue(&t->wait);
	t->expires = expires;
	t->function = NULL;
	t->cpu_target = NULL;
	t->cpu_seen = 0;
}

void sleep_timer_start(struct sleep_timer *t, u64 expires)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	timer_init(t, expires);
	enqueue(&clock_timers, t);
	spin_unlock_irqrestore(&timer_lock, flags);
}

void sleep_timer_start_cpu(struct sleep_timer *t, struct task *target, u64 expires)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	timer_init(t, expires);
	t->cpu_target = target;
	if (target)
		enqueue(&target->cpu_timers, t);
	spin_unlock_irqrestore(&timer_lock, flags);
}

void sleep_timer_start_fn(struct sleep_timer *t, struct task *target, u64 expires,
			  sleep_timer_fn fn)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	timer_init(t, expires);
	t->function = fn;
	t->cpu_target = target;
	enqueue(target ? &target->cpu_timers : &clock_timers, t);
	spin_unlock_irqrestore(&timer_lock, flags);
}

static u64 cpu_now_locked(const struct sleep_timer *t)
{
	return t->cpu_target ? t->cpu_target->cputime_ns : t->cpu_seen;
}

u64 sleep_timer_cancel(struct sleep_timer *t)
{
	unsigned long flags;
	u64 now;

	spin_lock_irqsave(&timer_lock, flags);
	now = cpu_now_locked(t);
	list_del(&t->node);
	spin_unlock_irqrestore(&timer_lock, flags);
	return now;
}

u64 sleep_timer_expires(const struct sleep_timer *t)
{
	unsigned long flags;
	u64 expires;

	spin_lock_irqsave(&timer_lock, flags);
	expires = list_empty(&t->node) ? 0 : t->expires;
	spin_unlock_irqrestore(&timer_lock, flags);
	return expires;
}

u64 sleep_timer_cpu_now(const struct sleep_timer *t)
{
	unsigned long flags;
	u64 now;

	spin_lock_irqsave(&timer_lock, flags);
	now = cpu_now_locked(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return now;
}

/* Fire the timers at the head of q that have reached now; a fired CPU-time timer keeps
 * now and forgets its target, which may be freed before the sleeper runs; a timer with a
 * function that asks to fire again goes back into q. Under timer_lock. */
static void expire(struct list_head *q, u64 now)
{
	while (!list_empty(q)) {
		struct sleep_timer *t = list_first_entry(q, struct sleep_timer, node);

		if (t->expires > now)
			return;
		list_del(&t->node);
		if (t->function) {
			u64 next = t->function(t, now);

			if (next > now) {
				t->expires = next;
				enqueue(q, t);
				continue;
			}
		}
		t->cpu_seen = now;
		t->cpu_target = NULL;
		if (!t->function)
			wake_up(&t->wait);
	}
}

void run_sleep_timers(void)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	expire(&clock_timers, ktime_get_ns());
	if (current->pid) /* the idle task is not in the task list and has no CPU clock */
		expire(&current->cpu_timers, current->cputime_ns);
	spin_unlock_irqrestore(&timer_lock, flags);
}

void cpu_timers_detach(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	while (!list_empty(&t->cpu_timers)) {
		struct sleep_timer *timer = list_first_entry(&t->cpu_timers, struct sleep_timer, node);

		list_del(&timer->node);
		timer->cpu_seen = t->cputime_ns;
		timer->cpu_target = NULL;
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}
