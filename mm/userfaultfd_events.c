/*
 * userfaultfd's non-cooperative events (see the block at the end of userfaultfd.h): the
 * pager of a program that does not know it is paged hears of what the program does to
 * its registered ranges, so that it never resolves a fault in memory that moved or went.
 *
 *   event   sent by                        message           when
 *   ------  -----------------------------  ----------------  -------------------------
 *   FORK    fork() (the parent)            arg.fork.ufd      after the copy
 *   REMAP   mremap() moving a range        from, to, len     after the move
 *   REMOVE  MADV_DONTNEED/FREE/REMOVE      start, end        before the pages go
 *   UNMAP   munmap(), mremap() shrinking   start, end (the   after the unmap
 *           or moving over, MAP_FIXED      call's range)
 *
 * The rules, as Linux's:
 * 1. The sender queues its message (on its own stack) on ctx->event_pending and sleeps,
 *    killable, until a read() has taken it: a non-cooperative pager must see the change
 *    before the program goes on. Faults are read first; events in the order they came.
 * 2. It never sleeps holding the mmap lock: FORK, REMAP and UNMAP are sent once the call
 *    has dropped it; REMOVE, sent before the pages go, drops it (and the caller takes it
 *    again and looks the range up anew).
 * 3. From the moment the change is decided (under the mmap lock) until its sender is
 *    released, ctx->mmap_changing counts it, and COPY, ZEROPAGE, CONTINUE and POISON
 *    give -EAGAIN: the pager must read the event before it fills anything.
 * 4. A FORK event carries a new context for the child's memory; the read() that takes it
 *    makes the descriptor, in the READER's table, and puts its number in the message.
 *    If the event is never read (the pager closes its descriptor, or the sender is
 *    killed), the child's ranges lose their registration instead.
 */
#include <errno.h>
#include <kernel/panic.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <mm/userfaultfd.h>
#include <mm/vma_tree.h>

/* One parent context's counterpart in a fork's child (Linux's userfaultfd_fork_ctx). */
struct userfaultfd_fork_ctx {
	struct userfaultfd_ctx *orig;   /* the parent's */
	struct userfaultfd_ctx *new;    /* the child's, one reference until the event is read */
	struct list_head list;          /* in the fork's list */
};

/* One UNMAP event to send (Linux's userfaultfd_unmap_ctx). */
struct userfaultfd_unmap_ctx {
	struct userfaultfd_ctx *ctx;    /* referenced, its mmap_changing raised */
	unsigned long start, end;       /* the unmapped range, as the call gave it */
	struct list_head list;
};

static void mmap_changing_inc(struct userfaultfd_ctx *ctx)
{
	__atomic_add_fetch(&ctx->mmap_changing, 1, __ATOMIC_RELEASE);
}

static void mmap_changing_dec(struct userfaultfd_ctx *ctx)
{
	int left = __atomic_sub_fetch(&ctx->mmap_changing, 1, __ATOMIC_RELEASE);

	BUG_ON(left < 0);
}

/* The child's context a FORK message stands for, until the read replaces it by an fd. */
static struct userfaultfd_ctx *fork_msg_ctx(const struct uffd_msg *msg)
{
	return (struct userfaultfd_ctx *)(unsigned long)msg->arg.reserved.reserved1;
}

/* The child's VMAs registered with new lose it (their FORK event will never be read). */
static void userfaultfd_forget_fork(struct userfaultfd_ctx *new)
{
	struct mm_struct *mm = new->mm;
	struct vm_area_struct *vma, *next;

	if (!mmget_not_zero(mm))
		return;
	mmap_write_lock(mm);
	for (vma = find_vma(mm, 0); vma; vma = next) {
		next = vma_next(vma);
		if (vma->vm_userfaultfd_ctx != new)
			continue;
		vma = vma_modify_flags_uffd(vma, vma->vm_start, vma->vm_end,
					    vma->vm_flags & ~__VM_UFFD_FLAGS, NULL);
		if (vma)
			next = vma_next(vma);
	}
	mmap_write_unlock(mm);
	mmput(mm);
}

/*
 * Rule 1: send ewq's message on ctx and sleep until it is read, the file closes or a
 * fatal signal comes (Linux's userfaultfd_event_wait_completion). Takes over the
 * caller's reference to ctx and its count in ctx->mmap_changing, and drops both.
 * Called without the mmap lock.
 */
static void userfaultfd_event_wait_completion(struct userfaultfd_ctx *ctx,
					      struct userfaultfd_wait_queue *ewq)
{
	unsigned long irqflags;
	bool read;

	ewq->ctx = ctx;
	ewq->waken = false;
	init_wait_queue(&ewq->wq);
	spin_lock_irqsave(&ctx->lock, irqflags);
	list_add_tail(&ewq->list, &ctx->event_pending);
	spin_unlock_irqrestore(&ctx->lock, irqflags);

	wake_up(&ctx->fd_wqh);
	poll_wake_up();
	irqflags = arch_irq_save();
	while (!ewq->waken && !__atomic_load_n(&ctx->released, __ATOMIC_ACQUIRE) &&
	       !fatal_signal_pending(current))
		sleep_on(&ewq->wq);
	arch_irq_restore(irqflags);

	/* A reader may still hold a FORK event it is resolving: the lock waits it out. */
	spin_lock_irqsave(&ctx->lock, irqflags);
	read = ewq->waken;
	list_del(&ewq->list);
	spin_unlock_irqrestore(&ctx->lock, irqflags);
	if (!read && ewq->msg.event == UFFD_EVENT_FORK) {
		struct userfaultfd_ctx *new = fork_msg_ctx(&ewq->msg);

		userfaultfd_forget_fork(new);
		userfaultfd_ctx_put(new);
	}
	mmap_changing_dec(ctx);
	userfaultfd_ctx_put(ctx);
}

/* The event's message was read: its sender goes on. ctx->lock held, ewq off the lists. */
static void userfaultfd_event_complete(struct userfaultfd_wait_queue *ewq)
{
	ewq->waken = true;
	wake_up(&ewq->wq);
}

void userfaultfd_event_read(struct userfaultfd_wait_queue *ewq, struct list_head *fork_event)
{
	list_del(&ewq->list);
	if (ewq->msg.event == UFFD_EVENT_FORK) {
		/* Making the descriptor sleeps: keep the event, and the child's context, aside. */
		userfaultfd_ctx_get(fork_msg_ctx(&ewq->msg));
		list_add_tail(&ewq->list, fork_event);
		return;
	}
	userfaultfd_event_complete(ewq);
}

int resolve_userfault_fork(struct userfaultfd_ctx *ctx, struct list_head *fork_event,
			   struct uffd_msg *msg)
{
	struct userfaultfd_ctx *new = fork_msg_ctx(msg);
	int fd = userfaultfd_getfd(new); /* on success, our reference is the file's */
	bool sender_waits = false;
	unsigned long irqflags;

	spin_lock_irqsave(&ctx->lock, irqflags);
	if (!list_empty(fork_event)) {
		struct userfaultfd_wait_queue *ewq =
			list_first_entry(fork_event, struct userfaultfd_wait_queue, list);

		sender_waits = true;
		list_del(&ewq->list);
		if (fd >= 0)
			userfaultfd_event_complete(ewq);
		else
			list_add(&ewq->list, &ctx->event_pending); /* first again, for the next read */
	}
	spin_unlock_irqrestore(&ctx->lock, irqflags);
	/* The sender's reference: the file holds one now. If the sender gave up, it
	 * dropped its own, and its forget_fork left the descriptor serving no range. */
	if (fd < 0 || sender_waits)
		userfaultfd_ctx_put(new);
	if (fd < 0)
		return fd;
	msg->arg.reserved.reserved1 = 0;
	msg->arg.fork.ufd = (u32)fd;
	return 0;
}

void userfaultfd_events_release(struct userfaultfd_ctx *ctx)
{
	struct list_head *pos;
	unsigned long irqflags;

	spin_lock_irqsave(&ctx->lock, irqflags);
	list_for_each(pos, &ctx->event_pending)
		wake_up(&list_entry(pos, struct userfaultfd_wait_queue, list)->wq);
	spin_unlock_irqrestore(&ctx->lock, irqflags);
}

int dup_userfaultfd(struct vm_area_struct *vma, struct vm_area_struct *child_vma,
		    struct list_head *fcs)
{
	struct userfaultfd_ctx *octx = vma->vm_userfaultfd_ctx, *ctx = NULL;
	struct userfaultfd_fork_ctx *fctx;
	struct list_head *pos;

	if (!octx || !(octx->features & UFFD_FEATURE_EVENT_FORK))
		return 0; /* the child's VMA was made without the registration */
	list_for_each(pos, fcs) {
		fctx = list_entry(pos, struct userfaultfd_fork_ctx, list);
		if (fctx->orig == octx)
			ctx = fctx->new;
	}
	if (!ctx) {
		fctx = kmalloc(sizeof(*fctx));
		ctx = fctx ? userfaultfd_ctx_alloc(child_vma->vm_mm, octx->flags, octx->features) :
			     NULL;
		if (!ctx) {
			kfree(fctx);
			return -ENOMEM;
		}
		userfaultfd_ctx_get(octx);
		mmap_changing_inc(octx);
		fctx->orig = octx;
		fctx->new = ctx;
		list_add_tail(&fctx->list, fcs);
	}
	child_vma = vma_modify_flags_uffd(child_vma, vma->vm_start, vma->vm_end,
					  child_vma->vm_flags | (vma->vm_flags & __VM_UFFD_FLAGS), ctx);
	return child_vma ? 0 : -ENOMEM;
}

void dup_userfaultfd_complete(struct list_head *fcs)
{
	struct list_head *pos, *tmp;

	list_for_each_safe(pos, tmp, fcs) {
		struct userfaultfd_fork_ctx *fctx = list_entry(pos, struct userfaultfd_fork_ctx, list);
		struct userfaultfd_wait_queue ewq;

		memset(&ewq.msg, 0, sizeof(ewq.msg));
		ewq.msg.event = UFFD_EVENT_FORK;
		ewq.msg.arg.reserved.reserved1 = (u64)(unsigned long)fctx->new;
		userfaultfd_event_wait_completion(fctx->orig, &ewq);
		list_del(&fctx->list);
		kfree(fctx);
	}
}

void dup_userfaultfd_fail(struct list_head *fcs)
{
	struct list_head *pos, *tmp;

	list_for_each_safe(pos, tmp, fcs) {
		struct userfaultfd_fork_ctx *fctx = list_entry(pos, struct userfaultfd_fork_ctx, list);

		mmap_changing_dec(fctx->orig);
		userfaultfd_ctx_put(fctx->orig);
		userfaultfd_ctx_put(fctx->new);
		list_del(&fctx->list);
		kfree(fctx);
	}
}

struct vm_area_struct *mremap_userfaultfd_prep(struct vm_area_struct *new_vma, unsigned long start,
					       unsigned long end, struct userfaultfd_ctx **uf)
{
	struct userfaultfd_ctx *ctx = new_vma->vm_userfaultfd_ctx;

	if (!ctx)
		return new_vma;
	if (ctx->features & UFFD_FEATURE_EVENT_REMAP) {
		userfaultfd_ctx_get(ctx);
		mmap_changing_inc(ctx);
		*uf = ctx;
		return new_vma;
	}
	/* The pager would not know where its range went: it is no longer its range. */
	return vma_modify_flags_uffd(new_vma, start, end, new_vma->vm_flags & ~__VM_UFFD_FLAGS,
				     NULL) ?: new_vma;
}

void mremap_userfaultfd_complete(struct userfaultfd_ctx **uf, unsigned long from, long to,
				 unsigned long len)
{
	struct userfaultfd_ctx *ctx = *uf;
	struct userfaultfd_wait_queue ewq;

	if (!ctx)
		return;
	*uf = NULL;
	if (to < 0) {
		mmap_changing_dec(ctx);
		userfaultfd_ctx_put(ctx);
		return;
	}
	memset(&ewq.msg, 0, sizeof(ewq.msg));
	ewq.msg.event = UFFD_EVENT_REMAP;
	ewq.msg.arg.remap.from = from;
	ewq.msg.arg.remap.to = (u64)to;
	ewq.msg.arg.remap.len = len;
	userfaultfd_event_wait_completion(ctx, &ewq);
}

bool userfaultfd_remove(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			bool write_locked)
{
	struct userfaultfd_ctx *ctx = vma->vm_userfaultfd_ctx;
	struct mm_struct *mm = vma->vm_mm;
	struct userfaultfd_wait_queue ewq;

	if (!ctx || !(ctx->features & UFFD_FEATURE_EVENT_REMOVE))
		return true;
	userfaultfd_ctx_get(ctx); /* the VMA's pointer holds none once the lock is gone */
	mmap_changing_inc(ctx);
	if (write_locked)
		mmap_write_unlock(mm);
	else
		mmap_read_unlock(mm);
	memset(&ewq.msg, 0, sizeof(ewq.msg));
	ewq.msg.event = UFFD_EVENT_REMOVE;
	ewq.msg.arg.remove.start = start;
	ewq.msg.arg.remove.end = end;
	userfaultfd_event_wait_completion(ctx, &ewq);
	return false;
}

int userfaultfd_unmap_prep(struct mm_struct *mm, unsigned long start, unsigned long end,
			   struct list_head *unmaps)
{
	for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma_next(vma)) {
		struct userfaultfd_ctx *ctx = vma->vm_userfaultfd_ctx;
		struct userfaultfd_unmap_ctx *unmap_ctx;
		struct list_head *pos;
		bool queued = false;

		if (!ctx || !(ctx->features & UFFD_FEATURE_EVENT_UNMAP))
			continue;
		/* One event per context and range, however many of its VMAs the range cuts. */
		list_for_each(pos, unmaps) {
			unmap_ctx = list_entry(pos, struct userfaultfd_unmap_ctx, list);
			if (unmap_ctx->ctx == ctx && unmap_ctx->start == start && unmap_ctx->end == end)
				queued = true;
		}
		if (queued)
			continue;
		unmap_ctx = kmalloc(sizeof(*unmap_ctx));
		if (!unmap_ctx)
			return -ENOMEM;
		userfaultfd_ctx_get(ctx);
		mmap_changing_inc(ctx);
		unmap_ctx->ctx = ctx;
		unmap_ctx->start = start;
		unmap_ctx->end = end;
		list_add_tail(&unmap_ctx->list, unmaps);
	}
	return 0;
}

void userfaultfd_unmap_complete(struct list_head *unmaps)
{
	struct list_head *pos, *tmp;

	list_for_each_safe(pos, tmp, unmaps) {
		struct userfaultfd_unmap_ctx *unmap_ctx =
			list_entry(pos, struct userfaultfd_unmap_ctx, list);
		struct userfaultfd_wait_queue ewq;

		memset(&ewq.msg, 0, sizeof(ewq.msg));
		ewq.msg.event = UFFD_EVENT_UNMAP;
		ewq.msg.arg.remove.start = unmap_ctx->start;
		ewq.msg.arg.remove.end = unmap_ctx->end;
		userfaultfd_event_wait_completion(unmap_ctx->ctx, &ewq);
		list_del(&unmap_ctx->list);
		kfree(unmap_ctx);
	}
}
