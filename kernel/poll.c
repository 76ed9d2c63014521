/*
 * poll(), ppoll(), select() and pselect6() (Linux's fs/select.c). See poll.h for how
 * pollers sleep and wake. Linux's rules kept here:
 *
 * - poll: revents is what the file reports, masked by events | POLLERR | POLLHUP;
 *   POLLNVAL for a descriptor not open; 0 for a negative one. The result counts the
 *   entries with a non-zero revents. More entries than RLIMIT_NOFILE: -EINVAL.
 * - select: a descriptor in any set that is not open: -EBADF. n is cut to the size of
 *   the descriptor table. The result counts the bits set in the three result sets,
 *   which replace the caller's sets only when the call succeeds.
 * - Ready descriptors are looked for first; then, with none ready, a pending signal ends
 *   the call with -ERESTARTNOHAND (-EINTR if a handler runs, else a restart), and then
 *   the timeout (0: return at once).
 * - ppoll and pselect6 install their signal mask for the call; if a signal ends it, the
 *   mask stays until that handler has run (as rt_sigsuspend's does).
 * - ppoll, select and pselect6 write the time left back to the caller's timeout.
 *   Linux's poll() restarts with the time left too (restart_block); here a restarted
 *   poll() waits its whole timeout again.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/fdtable.h>
#include <kernel/rlimit.h>
#include <kernel/file.h>
#include <kernel/poll.h>
#include <kernel/signal.h>
#include <kernel/sleep_timer.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <lib/list.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>
#include <uapi/poll.h>

#define NSEC_PER_SEC 1000000000ULL
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
/* What counts as ready for each of select()'s sets (Linux's POLLIN_SET and friends). */
#define POLLIN_SET  (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET  POLLPRI
#define BITS_PER_WORD (8 * sizeof(long))

/* A task in poll_wait_loop(): where to wake it. */
struct poll_sleeper {
	struct list_head node;  /* in pollers */
	struct wait_queue *wq;  /* the queue it sleeps on */
};

static DEFINE_SPINLOCK(pollers_lock); /* protects pollers and poll_events */
static LIST_HEAD(pollers);
static unsigned long poll_events;     /* poll_wake_up() calls so far */

void poll_wake_up(void)
{
	struct list_head *pos;
	unsigned long flags;

	spin_lock_irqsave(&pollers_lock, flags);
	poll_events++;
	list_for_each(pos, &pollers)
		wake_up(list_entry(pos, struct poll_sleeper, node)->wq);
	spin_unlock_irqrestore(&pollers_lock, flags);
}

static unsigned long events_seen(void)
{
	unsigned long flags, n;

	spin_lock_irqsave(&pollers_lock, flags);
	n = poll_events;
	spin_unlock_irqrestore(&pollers_lock, flags);
	return n;
}

/* The POLL* events of descriptor fd now; POLLNVAL if it is not open. */
static unsigned int fd_poll(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return POLLNVAL;
	return f->f_op->poll ? f->f_op->poll(f) : DEFAULT_POLLMASK;
}

/*
 * Call scan(ctx) until it finds something ready (its result, > 0), a signal is pending
 * (-ERESTARTNOHAND) or ktime_get_ns() passes deadline (0; deadline 0: look once, ~0:
 * never). A scan that races with an event is repeated: the event count read before it
 * differs after.
 */
static long poll_wait_loop(long (*scan)(void *ctx), void *ctx, u64 deadline)
{
	struct sleep_timer timer;
	struct poll_sleeper me = { .wq = &timer.wait };
	unsigned long flags;
	long count;

	sleep_timer_start(&timer, deadline);
	spin_lock_irqsave(&pollers_lock, flags);
	list_add_tail(&me.node, &pollers);
	spin_unlock_irqrestore(&pollers_lock, flags);
	for (;;) {
		unsigned long seen = events_seen();

		count = scan(ctx);
		if (count)
			break;
		if (signal_pending_current()) {
			count = -ERESTARTNOHAND;
			break;
		}
		if (ktime_get_ns() >= deadline)
			break;
		wait_event_interruptible(&timer.wait,
					 poll_events != seen || ktime_get_ns() >= deadline);
	}
	spin_lock_irqsave(&pollers_lock, flags);
	list_del(&me.node);
	spin_unlock_irqrestore(&pollers_lock, flags);
	sleep_timer_cancel(&timer);
	return count;
}

/*
 * poll()'s descriptors in the kernel, as Linux's struct poll_list: a list of chunks of one
 * kmalloc each (at most a page), since nfds may be up to RLIMIT_NOFILE.
 */
struct poll_list {
	struct poll_list *next;
	unsigned int len;          /* entries used */
	struct pollfd entries[];
};

#define POLLFD_PER_CHUNK ((4096 - sizeof(struct poll_list)) / sizeof(struct pollfd))

static long poll_scan(void *arg)
{
	long count = 0;

	for (struct poll_list *walk = arg; walk; walk = walk->next) {
		for (unsigned int i = 0; i < walk->len; i++) {
			struct pollfd *p = &walk->entries[i];
			unsigned int filter = (unsigned short)p->events | POLLERR | POLLHUP | POLLNVAL;

			p->revents = p->fd < 0 ? 0 : (short)(fd_poll(p->fd) & filter);
			if (p->revents)
				count++;
		}
	}
	return count;
}

static void free_poll_list(struct poll_list *head)
{
	while (head) {
		struct poll_list *next = head->next;

		kfree(head);
		head = next;
	}
}

/* Copy nfds pollfds in from ufds into *head (a poll_list to free whatever happens). */
static long copy_poll_list(struct pollfd __user *ufds, unsigned int nfds, struct poll_list **head)
{
	struct poll_list **tail = head;

	*head = NULL;
	for (unsigned int done = 0; done < nfds;) {
		unsigned int len = MIN(nfds - done, (unsigned int)POLLFD_PER_CHUNK);
		struct poll_list *chunk = kmalloc(sizeof(*chunk) + len * sizeof(struct pollfd));

		if (!chunk)
			return -ENOMEM;
		chunk->next = NULL;
		chunk->len = len;
		*tail = chunk;
		tail = &chunk->next;
		if (copy_from_user(chunk->entries, ufds + done, len * sizeof(struct pollfd)))
			return -EFAULT;
		done += len;
	}
	return 0;
}

/* poll() and ppoll() after their timeout: deadline as in poll_wait_loop(). */
static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, u64 deadline)
{
	struct poll_list *head;
	unsigned int at = 0;
	long ret;

	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	ret = copy_poll_list(ufds, nfds, &head);
	if (ret) {
		free_poll_list(head);
		return ret;
	}
	ret = poll_wait_loop(poll_scan, head, deadline);
	/* Linux writes every revents back, also when a signal ended the call. */
	for (struct poll_list *walk = head; walk && ret != -EFAULT; walk = walk->next) {
		for (unsigned int i = 0; i < walk->len; i++, at++) {
			if (copy_to_user(&ufds[at].revents, &walk->entries[i].revents,
					 sizeof(short))) {
				ret = -EFAULT;
				break;
			}
		}
	}
	free_poll_list(head);
	return ret;
}

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_ms)
{
	u64 deadline = timeout_ms < 0 ? ~0ULL : deadline_after((u64)timeout_ms * 1000000);

	return do_sys_poll(ufds, nfds, timeout_ms == 0 ? 0 : deadline);
}

/*
 * ppoll and pselect6: install the caller's mask (NULL: none) for the call. -EINVAL for a
 * set of the wrong size, -EFAULT.
 */
static long set_user_sigmask(const kernel_sigset_t __user *umask, size_t size)
{
	kernel_sigset_t mask;

	if (!umask)
		return 0;
	if (size != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&mask);
	return 0;
}

/* Undo set_user_sigmask() after the call: at once, or after the handler of the signal
 * that interrupted it (Linux's restore_saved_sigmask_unless). */
static void restore_user_sigmask(bool had_mask, long ret)
{
	if (!had_mask)
		return;
	if (ret == -ERESTARTNOHAND)
		current->restore_sigmask = true;
	else
		set_current_blocked(&current->saved_sigmask);
}

/* The deadline for a timeout of ns nanoseconds (0: now, ~0: never). */
static u64 deadline_of(u64 ns)
{
	return ns == 0 ? 0 : deadline_after(ns);
}

/* The time left until deadline, for writing back. */
static u64 time_left(u64 deadline)
{
	u64 now = ktime_get_ns();

	return deadline == ~0ULL ? ~0ULL : deadline > now ? deadline - now : 0;
}

/* Write the time left to the caller's timespec (Linux's poll_select_finish). A timeout
 * that cannot be written back is not restarted: -EINTR instead. */
static long finish_timespec(struct timespec __user *tsp, u64 deadline, long ret)
{
	u64 left = time_left(deadline);
	struct timespec ts;

	if (!tsp || left == ~0ULL)
		return ret;
	ts.tv_sec = (long)(left / NSEC_PER_SEC);
	ts.tv_nsec = (long)(left % NSEC_PER_SEC);
	if (copy_to_user(tsp, &ts, sizeof(ts)) && ret == -ERESTARTNOHAND)
		return -EINTR;
	return ret;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct timespec __user *tsp,
	       const kernel_sigset_t __user *sigmask, size_t sigsetsize)
{
	u64 ns = ~0ULL, deadline;
	long ret;

	if (tsp && (ret = get_sleep_time(tsp, &ns)) != 0)
		return ret;
	deadline = deadline_of(ns);
	ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, deadline);
	restore_user_sigmask(sigmask != NULL, ret);
	return finish_timespec(tsp, deadline, ret);
}

/* select()'s three sets in the kernel: in[] what was asked, out[] what is ready. */
struct select_ctx {
	int n;
	unsigned long in[3][NR_OPEN / BITS_PER_WORD];
	unsigned long out[3][NR_OPEN / BITS_PER_WORD];
};

static long select_scan(void *arg)
{
	static const unsigned int ready_mask[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
	struct select_ctx *ctx = arg;
	long count = 0;

	memset(ctx->out, 0, sizeof(ctx->out));
	for (int fd = 0; fd < ctx->n; fd++) {
		unsigned long bit = 1UL << (fd % BITS_PER_WORD);
		size_t w = fd / BITS_PER_WORD;
		unsigned int mask;

		if (!((ctx->in[0][w] | ctx->in[1][w] | ctx->in[2][w]) & bit))
			continue;
		mask = fd_poll(fd);
		for (int set = 0; set < 3; set++) {
			if ((ctx->in[set][w] & bit) && (mask & ready_mask[set])) {
				ctx->out[set][w] |= bit;
				count++;
			}
		}
	}
	return count;
}

/* Linux's core_sys_select: the sets are arrays of longs, n bits of them used. */
static long core_sys_select(int n, unsigned long __user *usets[3], u64 deadline)
{
	struct select_ctx *ctx;
	size_t bytes;
	long ret;

	if (n < 0)
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->n = MIN(n, NR_OPEN);
	bytes = (ctx->n + BITS_PER_WORD - 1) / BITS_PER_WORD * sizeof(long);
	for (int set = 0; set < 3; set++) {
		if (usets[set] && copy_from_user(ctx->in[set], usets[set], bytes)) {
			kfree(ctx);
			return -EFAULT;
		}
	}
	if (ctx->n % BITS_PER_WORD) /* bits at n and above are not asked for */
		for (int set = 0; set < 3; set++)
			ctx->in[set][ctx->n / BITS_PER_WORD] &= (1UL << (ctx->n % BITS_PER_WORD)) - 1;
	for (int fd = 0; fd < ctx->n; fd++) {
		size_t w = fd / BITS_PER_WORD;

		if (((ctx->in[0][w] | ctx->in[1][w] | ctx->in[2][w]) >> (fd % BITS_PER_WORD) & 1) &&
		    !fget(fd)) {
			kfree(ctx);
			return -EBADF;
		}
	}
	ret = poll_wait_loop(select_scan, ctx, deadline);
	for (int set = 0; ret >= 0 && set < 3; set++)
		if (usets[set] && copy_to_user(usets[set], ctx->out[set], bytes))
			ret = -EFAULT;
	kfree(ctx);
	return ret;
}

long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval __user *tvp)
{
	unsigned long __user *usets[3] = { inp, outp, exp };
	struct timeval tv;
	u64 ns = ~0ULL, deadline, left;
	long ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		if ((u64)tv.tv_sec < ~0ULL / NSEC_PER_SEC / 2)
			ns = (u64)tv.tv_sec * NSEC_PER_SEC + (u64)tv.tv_usec * 1000;
	}
	deadline = deadline_of(ns);
	ret = core_sys_select(n, usets, deadline);
	left = time_left(deadline);
	if (tvp && left != ~0ULL) {
		tv.tv_sec = (long)(left / NSEC_PER_SEC);
		tv.tv_usec = (long)(left % NSEC_PER_SEC / 1000);
		if (copy_to_user(tvp, &tv, sizeof(tv)) && ret == -ERESTARTNOHAND)
			ret = -EINTR;
	}
	return ret;
}

/* pselect6's sixth argument: where the signal mask is, and its size. */
struct sigset_argpack {
	const kernel_sigset_t __user *p;
	size_t size;
};

long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct timespec __user *tsp, void __user *sig)
{
	unsigned long __user *usets[3] = { inp, outp, exp };
	struct sigset_argpack pack = { NULL, 0 };
	u64 ns = ~0ULL, deadline;
	long ret;

	if (tsp && (ret = get_sleep_time(tsp, &ns)) != 0)
		return ret;
	deadline = deadline_of(ns);
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	ret = set_user_sigmask(pack.p, pack.size);
	if (ret)
		return ret;
	ret = core_sys_select(n, usets, deadline);
	restore_user_sigmask(pack.p != NULL, ret);
	return finish_timespec(tsp, deadline, ret);
}
