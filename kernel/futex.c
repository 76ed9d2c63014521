/*
 * Futexes: sleeping on a 32-bit word of user memory until another thread says so
 * (Linux's kernel/futex/). User space does the fast path on the word with atomic
 * instructions; it calls futex() only to sleep while the word still holds the value it
 * saw (FUTEX_WAIT), or to wake sleepers after changing it (FUTEX_WAKE).
 *
 * The rules, Linux's:
 *   - a waiter sleeps only if the word still equals val when the kernel reads it, else
 *     -EAGAIN: a wake between the caller's look at the word and its sleep is not lost;
 *   - the word is read with copy_from_user(): a page not yet present is faulted in by
 *     the fault core like any kernel access to user memory, a bad address is -EFAULT;
 *   - waiters are matched by a key: a private futex (FUTEX_PRIVATE_FLAG) by address
 *     space and address; a shared one on a file's pages (MAP_SHARED, or a read-only
 *     private file mapping) by the file and offset, so that processes mapping it at
 *     different addresses meet; one in writable private memory by address space and
 *     address, but never matching a private waiter; one in read-only anonymous memory
 *     is -EFAULT;
 *   - a bitset narrows who is woken (WAIT_BITSET/WAKE_BITSET); plain WAIT and WAKE use
 *     all bits;
 *   - FUTEX_WAIT's timeout is relative; FUTEX_WAIT_BITSET's absolute (CLOCK_MONOTONIC,
 *     or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME); either ends in -ETIMEDOUT;
 *   - a signal ends a wait: with no timeout the wait is restarted after a handler with
 *     SA_RESTART (-ERESTARTSYS); with a timeout it is -EINTR after any handler, and
 *     resumed to the same deadline after a stop (-ERESTART_RESTARTBLOCK).
 *
 * On one CPU with a kernel that is never preempted, nothing runs between the read of the
 * word and the waiter joining its bucket (no sleep lies between them), which is what the
 * bucket lock held across a no-fault read buys Linux on SMP.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/futex.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/sleep_timer.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <lib/list.h>
#include <mm/fault.h>
#include <mm/frame.h>
#include <mm/gup.h>
#include <mm/mm.h>
#include <uapi/abi.h>

enum futex_key_kind {
	FUTEX_KEY_PRIVATE,  /* object: the mm; offset: the address */
	FUTEX_KEY_MM,       /* the same, for a shared op on private memory */
	FUTEX_KEY_INODE,    /* object: the inode; offset: the byte offset in the file */
};

struct futex_key {
	const void *object;
	unsigned long offset;
	enum futex_key_kind kind;
};

/* A sleeping waiter, on its kernel stack (Linux's struct futex_q). */
struct futex_q {
	struct list_head list;    /* in its bucket */
	struct futex_key key;
	u32 bitset;               /* the wakes it answers to */
	bool woken;               /* a wake took it off its bucket */
	struct sleep_timer timer; /* its timeout; the task sleeps on timer.wait */
};

#define FUTEX_HASH_BITS 6
#define FUTEX_HASH_SIZE (1 << FUTEX_HASH_BITS)

/* Waiters by key. futex_lock protects every bucket and every queued futex_q. */
static struct list_head futex_buckets[FUTEX_HASH_SIZE];
static DEFINE_SPINLOCK(futex_lock);
static bool futex_buckets_ready;

static struct list_head *bucket_of(const struct futex_key *key)
{
	unsigned long h = (unsigned long)key->object ^ (key->offset >> 2) ^ key->kind;

	h ^= h >> 17;
	h ^= h >> 7;
	if (!futex_buckets_ready) {
		for (int i = 0; i < FUTEX_HASH_SIZE; i++)
			INIT_LIST_HEAD(&futex_buckets[i]);
		futex_buckets_ready = true;
	}
	return &futex_buckets[h & (FUTEX_HASH_SIZE - 1)];
}

static bool key_match(const struct futex_key *a, const struct futex_key *b)
{
	return a->object == b->object && a->offset == b->offset && a->kind == b->kind;
}

/*
 * Make the page of the futex word at address present, as Linux's get_futex_key() does
 * before it looks at it: GUP for writing (a private page becomes the mm's own), for
 * reading if writing is refused (a read-only mapping). GUP takes the mmap lock itself
 * and may drop it to wait (for a user pager: the futex waits with it). 0 or -errno.
 */
static long fault_in_futex_page(unsigned long address)
{
	struct page *page;
	long got = get_user_pages_unlocked(address, 1, &page, FOLL_WRITE);

	if (got == -EFAULT)
		got = get_user_pages_unlocked(address, 1, &page, 0);
	if (got < 0)
		return got;
	if (got == 0)
		return -EFAULT;
	put_page(page);
	return 0;
}

/*
 * The key of the futex word at uaddr. 0, -EINVAL (not 4-byte aligned) or -EFAULT (outside
 * user space; for a shared futex, also no mapping that may be read, or a page that
 * cannot be faulted in: fault_in_futex_page()). A shared futex's page may make the task
 * wait (for a user pager) before its key is known; -EINTR if a fatal signal ends that.
 */
static long get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key)
{
	unsigned long address = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long err;

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	key->object = mm;
	key->offset = address;
	key->kind = FUTEX_KEY_PRIVATE;
	if (flags & FUTEX_PRIVATE_FLAG)
		return 0;
	err = fault_in_futex_page(address);
	if (err)
		return err;
	mmap_read_lock(mm);
	vma = vma_lookup(mm, address); /* the lock was dropped: it may have gone since */
	if (!vma) {
		err = -EFAULT;
	} else if (vma->vm_inode && ((vma->vm_flags & VM_SHARED) || !(vma->vm_flags & VM_WRITE))) {
		/* Pages of the file (a private read-only mapping never has others). */
		key->object = vma->vm_inode;
		key->offset = (vma->vm_pgoff << PAGE_SHIFT) + (address - vma->vm_start);
		key->kind = FUTEX_KEY_INODE;
	} else if (!(vma->vm_flags & VM_WRITE) && !(vma->vm_flags & VM_SHARED)) {
		err = -EFAULT; /* read-only anonymous memory never changes: Linux refuses it */
	} else {
		key->kind = FUTEX_KEY_MM;
	}
	mmap_read_unlock(mm);
	return err;
}

long futex_wake(u32 __user *uaddr, unsigned int flags, int nr, u32 bitset)
{
	struct futex_key key;
	struct list_head *bucket, *pos, *tmp;
	unsigned long irqflags;
	long err, woken = 0;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, flags, &key);
	if (err)
		return err;
	bucket = bucket_of(&key);
	spin_lock_irqsave(&futex_lock, irqflags);
	list_for_each_safe(pos, tmp, bucket) {
		struct futex_q *q = list_entry(pos, struct futex_q, list);

		if (!key_match(&q->key, &key) || !(q->bitset & bitset))
			continue;
		list_del(&q->list);
		q->woken = true;
		wake_up(&q->timer.wait);
		if (++woken >= nr) /* Linux's loop: nr 0 (or less) still wakes one */
			break;
	}
	spin_unlock_irqrestore(&futex_lock, irqflags);
	return woken;
}

static long futex_wait_restart(struct restart_block *rb);

/*
 * Sleep on the word at uaddr while it holds val, until a wake with a bit of bitset,
 * deadline (ktime_get_ns(); ~0: none) or a signal. See the rules above for the returns.
 */
static long futex_wait(u32 __user *uaddr, unsigned int flags, u32 val, u64 deadline,
		       u32 bitset)
{
	struct restart_block *rb = &current->restart_block;
	struct futex_q q;
	unsigned long irqflags;
	u32 uval;
	long err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, flags, &q.key);
	if (err)
		return err;
	if (copy_from_user(&uval, uaddr, sizeof(uval)))
		return -EFAULT;
	if (uval != val)
		return -EAGAIN;
	q.bitset = bitset;
	q.woken = false;
	sleep_timer_start(&q.timer, deadline);
	irqflags = arch_irq_save(); /* the wait_event rule (kernel/wait.h) */
	spin_lock(&futex_lock);
	list_add_tail(&q.list, bucket_of(&q.key));
	spin_unlock(&futex_lock);
	while (!q.woken && ktime_get_ns() < deadline && !signal_pending_current())
		sleep_on(&q.timer.wait);
	spin_lock(&futex_lock);
	list_del(&q.list); /* harmless if a wake took it off already */
	spin_unlock(&futex_lock);
	arch_irq_restore(irqflags);
	sleep_timer_cancel(&q.timer);
	if (q.woken)
		return 0;
	if (ktime_get_ns() >= deadline)
		return -ETIMEDOUT;
	if (deadline == ~0ULL)
		return -ERESTARTSYS;
	rb->fn = futex_wait_restart;
	rb->futex_uaddr = uaddr;
	rb->futex_val = val;
	rb->futex_bitset = bitset;
	rb->futex_flags = flags;
	rb->deadline_ns = deadline;
	return -ERESTART_RESTARTBLOCK;
}

static long futex_wait_restart(struct restart_block *rb)
{
	rb->fn = NULL;
	return futex_wait(rb->futex_uaddr, rb->futex_flags, rb->futex_val, rb->deadline_ns,
			  rb->futex_bitset);
}

/*
 * Wake up to nr_wake waiters on uaddr1 and move up to nr_requeue others to uaddr2, after
 * checking (cmp) that the word at uaddr1 still holds cmpval (-EAGAIN if not). The number
 * woken and moved together, or -EINVAL / -EFAULT.
 */
static long futex_requeue(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
			  int nr_wake, int nr_requeue, bool cmp, u32 cmpval)
{
	struct futex_key key1, key2;
	struct list_head *bucket1, *bucket2, *pos, *tmp;
	unsigned long irqflags;
	long err, woken = 0, moved = 0;
	u32 uval;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_futex_key(uaddr1, flags, &key1);
	if (!err)
		err = get_futex_key(uaddr2, flags, &key2);
	if (err)
		return err;
	if (cmp) {
		if (copy_from_user(&uval, uaddr1, sizeof(uval)))
			return -EFAULT;
		if (uval != cmpval)
			return -EAGAIN;
	}
	bucket1 = bucket_of(&key1);
	bucket2 = bucket_of(&key2);
	spin_lock_irqsave(&futex_lock, irqflags);
	list_for_each_safe(pos, tmp, bucket1) {
		struct futex_q *q = list_entry(pos, struct futex_q, list);

		if (!key_match(&q->key, &key1))
			continue;
		if (woken < nr_wake) {
			list_del(&q->list);
			q->woken = true;
			wake_up(&q->timer.wait);
			woken++;
		} else if (moved < nr_requeue) {
			list_del(&q->list);
			q->key = key2;
			list_add_tail(&q->list, bucket2);
			moved++;
		} else {
			break;
		}
	}
	spin_unlock_irqrestore(&futex_lock, irqflags);
	return woken + moved;
}

/* A futex timeout: relative (FUTEX_WAIT) or absolute, as a ktime_get_ns() deadline. Every
 * clock counts from boot here (kernel/time.c), CLOCK_REALTIME too. */
static long futex_timeout(const struct timespec __user *utime, bool absolute, u64 *deadline)
{
	u64 ns;
	long err;

	*deadline = ~0ULL;
	if (!utime)
		return 0;
	err = get_sleep_time(utime, &ns);
	if (err)
		return err;
	*deadline = absolute ? ns : deadline_after(ns);
	return 0;
}

long sys_futex(u32 __user *uaddr, int op, u32 val, const struct timespec __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	unsigned int flags = op & FUTEX_PRIVATE_FLAG;
	/* REQUEUE and CMP_REQUEUE carry a count where the others carry the timeout. */
	int val2 = (int)(unsigned long)utime;
	u64 deadline;
	long err;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		err = futex_timeout(utime, cmd == FUTEX_WAIT_BITSET, &deadline);
		if (err)
			return err;
		return futex_wait(uaddr, flags, val, deadline,
				  cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, flags, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, val2, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, val2, true, val3);
	default:
		return -ENOSYS;
	}
}
