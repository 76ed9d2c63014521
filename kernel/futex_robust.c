/*
 * Robust futexes: a thread that dies holding a lock must not leave its waiters asleep for
 * ever. Each thread registers with set_robust_list() the head of a list, in its own
 * memory, of the locks it holds (glibc's robust mutexes). At its exit the kernel walks
 * that list: each lock whose futex word still names the dying thread (its tid in
 * FUTEX_TID_MASK) gets FUTEX_OWNER_DIED, and one waiter is woken, whose lock call then
 * returns EOWNERDEAD.
 *
 * The list is user memory, so nothing in it is trusted: each read may fault (-EFAULT ends
 * the walk), and at most ROBUST_LIST_LIMIT entries are followed, so that a list made
 * cyclic on purpose cannot hold an exiting thread (Linux's exit_robust_list). Bit 0 of an
 * entry's pointer marks a priority-inheritance lock, which is not supported here: such an
 * entry is skipped.
 */
#include <errno.h>
#include <kernel/futex.h>
#include <kernel/task.h>
#include <lib/string.h>

/* Read the user pointer at uentry into *entry, without its PI bit, which goes to *pi. */
static int fetch_robust_entry(struct robust_list __user *__user *uentry,
			      struct robust_list __user **entry, bool *pi)
{
	unsigned long value;

	if (copy_from_user(&value, uentry, sizeof(value)))
		return -EFAULT;
	*entry = (struct robust_list __user *)(value & ~1UL);
	*pi = value & 1;
	return 0;
}

/*
 * The futex word at uaddr belonged to t, which is dying: mark it FUTEX_OWNER_DIED and
 * wake one waiter. A word that names another owner is left alone; a pending entry (one t
 * was taking or releasing) whose word is 0 only gets its waiter woken. -EFAULT if the word
 * cannot be read or written (the walk stops).
 */
static int handle_futex_death(u32 __user *uaddr, struct task *t, bool pi, bool pending_op)
{
	u32 uval, mval;

	if ((unsigned long)uaddr % sizeof(u32))
		return -EFAULT;
	if (copy_from_user(&uval, uaddr, sizeof(uval)))
		return -EFAULT;
	if (pending_op && !pi && !uval) {
		futex_wake(uaddr, 0, 1, FUTEX_BITSET_MATCH_ANY);
		return 0;
	}
	if ((uval & FUTEX_TID_MASK) != (u32)t->pid)
		return 0;
	/* No other thread runs between the read above and this write (one CPU, kernel not
	 * preempted), which Linux gets from a compare-and-exchange. */
	mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (copy_to_user(uaddr, &mval, sizeof(mval)))
		return -EFAULT;
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, 0, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

void exit_robust_list(struct task *t)
{
	struct robust_list_head __user *head = t->robust_list;
	struct robust_list __user *entry, *next, *pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	bool pi, next_pi, pending_pi;
	long futex_offset;

	if (!head)
		return;
	if (fetch_robust_entry(&head->list.next, &entry, &pi))
		return;
	if (copy_from_user(&futex_offset, &head->futex_offset, sizeof(futex_offset)))
		return;
	if (fetch_robust_entry(&head->list_op_pending, &pending, &pending_pi))
		return;
	while (entry != &head->list) {
		/* Read the next entry first: the word's owner may free this one once woken. */
		int rc = fetch_robust_entry(&entry->next, &next, &next_pi);

		if (entry != pending &&
		    handle_futex_death((u32 __user *)((unsigned long)entry + futex_offset), t, pi,
				       false))
			return;
		if (rc)
			return;
		entry = next;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		handle_futex_death((u32 __user *)((unsigned long)pending + futex_offset), t,
				   pending_pi, true);
}

long sys_set_robust_list(void __user *head, size_t len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = head;
	current->robust_list_len = len;
	return 0;
}

/* Linux also requires the right to ptrace the thread; every caller here is root. */
long sys_get_robust_list(int pid, void __user *__user *head_ptr, size_t __user *len_ptr)
{
	struct task *t = pid ? find_task(pid) : current;
	size_t len = sizeof(struct robust_list_head);

	if (!t || t->state == TASK_ZOMBIE)
		return -ESRCH;
	if (copy_to_user(len_ptr, &len, sizeof(len)))
		return -EFAULT;
	return copy_to_user(head_ptr, &t->robust_list, sizeof(t->robust_list)) ? -EFAULT : 0;
}
