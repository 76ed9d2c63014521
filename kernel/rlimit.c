/* getrlimit, setrlimit, prlimit64 (see rlimit.h). */
#include <errno.h>
#include <kernel/rlimit.h>
#include <kernel/task.h>
#include <mm/frame.h>

#define MIB (1UL << 20)
#define NR_OPEN_MAX (1UL << 20) /* Linux's fs.nr_open: no RLIMIT_NOFILE above it */

void rlimits_init(struct rlimit *rlim)
{
	/* Linux's INIT_RLIMITS; NPROC and SIGPENDING scale with memory there (max_threads / 2,
	 * a thread per 32 frames), and so here. */
	unsigned long threads = nr_managed_frames() / 64;

	for (int r = 0; r < RLIM_NLIMITS; r++)
		rlim[r] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	rlim[RLIMIT_STACK].rlim_cur = 8 * MIB;
	rlim[RLIMIT_CORE].rlim_cur = 0;
	rlim[RLIMIT_NPROC] = (struct rlimit){ threads, threads };
	rlim[RLIMIT_NOFILE] = (struct rlimit){ 1024, 4096 };
	rlim[RLIMIT_MEMLOCK] = (struct rlimit){ 8 * MIB, 8 * MIB };
	rlim[RLIMIT_SIGPENDING] = (struct rlimit){ threads, threads };
	rlim[RLIMIT_MSGQUEUE] = (struct rlimit){ 819200, 819200 };
	rlim[RLIMIT_NICE] = (struct rlimit){ 0, 0 };
	rlim[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };
}

unsigned long rlimit(int resource)
{
	return current->signal->rlim[resource].rlim_cur;
}

/*
 * Read t's limit into *old (if old) and set it to *new (if new), with Linux's rules
 * (do_prlimit): EINVAL for an unknown resource or a soft limit above the hard one, EPERM
 * for a hard open-file limit above fs.nr_open. Raising a hard limit needs
 * CAP_SYS_RESOURCE, which everyone has.
 */
static long do_prlimit(struct task *t, unsigned int resource, const struct rlimit *new,
		       struct rlimit *old)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new) {
		if (new->rlim_cur > new->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_MAX)
			return -EPERM;
	}
	if (old)
		*old = t->signal->rlim[resource];
	if (new)
		t->signal->rlim[resource] = *new; /* the whole process's */
	return 0;
}

long sys_getrlimit(unsigned int resource, struct rlimit __user *urlim)
{
	struct rlimit r;
	long err = do_prlimit(current, resource, NULL, &r);

	if (!err && copy_to_user(urlim, &r, sizeof(r)))
		return -EFAULT;
	return err;
}

long sys_setrlimit(unsigned int resource, const struct rlimit __user *urlim)
{
	struct rlimit r;

	if (copy_from_user(&r, urlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current, resource, &r, NULL);
}

/* RLIM64_INFINITY and RLIM_INFINITY are the same on 64-bit machines. */
long sys_prlimit64(int pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim)
{
	struct rlimit64 n64, o64;
	struct rlimit n, o;
	struct task *t;
	long err;

	if (new_rlim) {
		if (copy_from_user(&n64, new_rlim, sizeof(n64)))
			return -EFAULT;
		n = (struct rlimit){ n64.rlim_cur, n64.rlim_max };
	}
	t = pid == 0 ? current : pid > 0 ? find_task(pid) : NULL;
	if (!t) /* a zombie still has its limits until reaped, as in Linux */
		return -ESRCH;
	err = do_prlimit(t, resource, new_rlim ? &n : NULL, old_rlim ? &o : NULL);
	if (err)
		return err;
	if (old_rlim) {
		o64 = (struct rlimit64){ o.rlim_cur, o.rlim_max };
		if (copy_to_user(old_rlim, &o64, sizeof(o64)))
			return -EFAULT;
	}
	return 0;
}
