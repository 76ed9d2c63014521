/*
 * process_vm_readv() and process_vm_writev() (Linux's mm/process_vm_access.c): copy
 * between the caller's iovecs and another process's, without the other process doing
 * anything. The remote side goes through GUP (mm/gup.h): its pages are faulted in as
 * that process's own access would fault them (a lazily allocated page appears, a write
 * to a shared page copies it first); the fault is counted to the caller, as Linux's
 * mm_account_fault() counts it to current.
 *
 * The rules, Linux's:
 *   flags != 0: EINVAL; more than IOV_MAX iovecs on either side: EINVAL; an unreadable
 *   iovec array: EFAULT. Nothing to do on the remote side: 0, before the pid is looked
 *   up. No such process: ESRCH; not allowed (ptrace_may_access): EPERM.
 *   The remote iovecs are done in order, page by page; the first remote page that cannot
 *   be reached, or local byte that faults, ends the call: the bytes moved so far, or
 *   EFAULT if there are none.
 */
#include <errno.h>
#include <kernel/process_vm.h>
#include <kernel/task.h>
#include <kernel/uio.h>
#include <mm/frame.h>
#include <mm/gup.h>
#include <mm/mm.h>
#include <mm/page.h>

#define PVM_PAGES 16 /* remote pages taken at once */

bool ptrace_may_access(const struct task *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (t->tgid == current->tgid)
		return true;
	if (c->uid == tc->uid && c->uid == tc->euid && c->uid == tc->suid &&
	    c->gid == tc->gid && c->gid == tc->egid && c->gid == tc->sgid)
		return true;
	return cred_capable(c); /* CAP_SYS_PTRACE */
}

struct mm_struct *mm_access_pid(int pid, long *err)
{
	struct task *t = pid > 0 ? find_task(pid) : NULL;

	*err = -ESRCH;
	if (!t || !t->mm || t->state == TASK_ZOMBIE)
		return NULL;
	if (!ptrace_may_access(t)) {
		*err = -EPERM;
		return NULL;
	}
	mmget(t->mm);
	return t->mm;
}

/*
 * Check the remote iovecs as Linux's iovec_from_user() does: at most IOV_MAX (EINVAL),
 * a readable array (EFAULT), no length above SSIZE_MAX (EINVAL). Their addresses are the
 * other process's, so nothing more is asked of them here (a huge length is fine: the
 * copy stops when our side is full). The total length, or -errno.
 */
static long check_remote_iovecs(const struct iovec __user *rvec, unsigned long riovcnt,
				size_t *total)
{
	*total = 0;
	if (riovcnt > UIO_MAXIOV)
		return -EINVAL;
	for (unsigned long s = 0; s < riovcnt; s++) {
		struct iovec v;

		if (copy_from_user(&v, rvec + s, sizeof(v)))
			return -EFAULT;
		if ((long)v.iov_len < 0)
			return -EINVAL;
		*total |= v.iov_len; /* only "is anything asked for" matters */
	}
	return 0;
}

/*
 * Move [addr, addr + len) of mm to or from iter (Linux's process_vm_rw_single_vec):
 * 0 when it is all done or iter is full, -EFAULT at the first remote page that cannot be
 * reached or local fault (what came before stays moved: iter says how much).
 */
static long rw_single_vec(struct mm_struct *mm, unsigned long addr, size_t len,
			  struct iov_iter *iter, bool write)
{
	unsigned long pa = ALIGN_DOWN(addr, PAGE_SIZE), off = addr - pa;
	struct page *pages[PVM_PAGES];

	if (!len)
		return 0;
	unsigned long nr_pages = (addr + len - 1) / PAGE_SIZE - addr / PAGE_SIZE + 1;

	while (nr_pages && iov_iter_count(iter)) {
		bool locked = false;
		long got = pin_user_pages_remote(mm, pa, MIN(nr_pages, (unsigned long)PVM_PAGES),
						 write ? FOLL_WRITE : 0, pages, &locked);
		long rc = 0;

		if (got <= 0)
			return -EFAULT;
		for (long i = 0; i < got; i++) {
			size_t n = MIN(len, PAGE_SIZE - off), done;
			u8 *kaddr = (u8 *)page_address(pages[i]) + off;

			if (!n || !iov_iter_count(iter) || rc)
				break;
			done = write ? copy_from_iter(kaddr, n, iter) : copy_to_iter(kaddr, n, iter);
			if (done < n && iov_iter_count(iter))
				rc = -EFAULT; /* a fault in the caller's buffer */
			len -= done;
			off = 0;
		}
		unpin_user_pages(pages, (unsigned long)got);
		if (rc)
			return rc;
		nr_pages -= (unsigned long)got;
		pa += (unsigned long)got * PAGE_SIZE;
		off = 0;
	}
	return 0;
}

static long process_vm_rw(int pid, const struct iovec __user *lvec, unsigned long liovcnt,
			  const struct iovec __user *rvec, unsigned long riovcnt,
			  unsigned long flags, bool write)
{
	struct iov_iter local;
	struct mm_struct *mm;
	size_t total = 0, remote_len;
	long rc;

	if (flags)
		return -EINVAL;
	rc = import_iovec(lvec, liovcnt, &local);
	if (rc < 0)
		goto out;
	rc = check_remote_iovecs(rvec, riovcnt, &remote_len);
	if (rc < 0 || !remote_len)
		goto out; /* nothing to do remotely: not even the pid is looked at */
	mm = mm_access_pid(pid, &rc);
	if (!mm)
		goto out;
	rc = 0;
	total = iov_iter_count(&local);
	/* The remote iovecs are read again one by one: each was checked above. */
	for (unsigned long s = 0; s < riovcnt && iov_iter_count(&local) && !rc; s++) {
		struct iovec v;

		if (copy_from_user(&v, rvec + s, sizeof(v)) || (long)v.iov_len < 0)
			rc = -EFAULT; /* changed under us by another thread */
		else
			rc = rw_single_vec(mm, (unsigned long)v.iov_base, v.iov_len, &local, write);
	}
	mmput(mm);
	total -= iov_iter_count(&local);
	if (total)
		rc = (long)total;
out:
	iov_iter_release(&local);
	return rc;
}

long sys_process_vm_readv(int pid, const struct iovec __user *lvec, unsigned long liovcnt,
			  const struct iovec __user *rvec, unsigned long riovcnt,
			  unsigned long flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

long sys_process_vm_writev(int pid, const struct iovec __user *lvec, unsigned long liovcnt,
			   const struct iovec __user *rvec, unsigned long riovcnt,
			   unsigned long flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
