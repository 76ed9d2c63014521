/* The uid/gid system calls, with Linux's rules (see cred.h). */
#include <errno.h>
#include <kernel/cred.h>
#include <kernel/task.h>
#include <lib/string.h>

#define NO_ID ((unsigned int)-1) /* "leave unchanged"; never a valid id */

void cred_init_root(struct cred *c)
{
	memset(c, 0, sizeof(*c));
	c->cap_permitted = true;
}

void cred_exec(struct cred *c)
{
	if (c->uid == 0 || c->euid == 0)
		c->cap_permitted = true;
}

/* Linux's CAP_SETUID and CAP_SETGID: root's, while its effective uid is 0. */
static bool capable_setid(const struct cred *c)
{
	return cred_capable(c);
}

/* Is id one of a, b, c? */
static bool one_of(unsigned int id, unsigned int a, unsigned int b, unsigned int c)
{
	return id == a || id == b || id == c;
}

/*
 * After the uids changed from old (Linux's cap_emulate_setxuid): the capabilities are
 * gone for good once no uid is 0; the effective set follows the effective uid.
 */
static void commit_uids(struct cred *c, const struct cred *old)
{
	bool had_root = old->uid == 0 || old->euid == 0 || old->suid == 0;

	if (had_root && c->uid && c->euid && c->suid)
		c->cap_permitted = false;
}

long sys_getuid(void)  { return current->cred.uid; }
long sys_geteuid(void) { return current->cred.euid; }
long sys_getgid(void)  { return current->cred.gid; }
long sys_getegid(void) { return current->cred.egid; }

/* Store three ids at three user addresses: 0 or -EFAULT. */
static long put_ids(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s,
		    unsigned int rv, unsigned int ev, unsigned int sv)
{
	if (copy_to_user(r, &rv, sizeof(rv)) || copy_to_user(e, &ev, sizeof(ev)) ||
	    copy_to_user(s, &sv, sizeof(sv)))
		return -EFAULT;
	return 0;
}

long sys_getresuid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s)
{
	const struct cred *c = &current->cred;

	return put_ids(r, e, s, c->uid, c->euid, c->suid);
}

long sys_getresgid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s)
{
	const struct cred *c = &current->cred;

	return put_ids(r, e, s, c->gid, c->egid, c->sgid);
}

/* setuid(uid): privileged, all four uids; otherwise the effective (and fs) uid only, to
 * the real or saved one. EINVAL for -1. */
long sys_setuid(unsigned int uid)
{
	struct cred *c = &current->cred, old = *c;

	if (uid == NO_ID)
		return -EINVAL;
	if (capable_setid(&old))
		c->uid = c->suid = uid;
	else if (uid != old.uid && uid != old.suid)
		return -EPERM;
	c->euid = c->fsuid = uid;
	commit_uids(c, &old);
	return 0;
}

long sys_setgid(unsigned int gid)
{
	struct cred *c = &current->cred;

	if (gid == NO_ID)
		return -EINVAL;
	if (capable_setid(c))
		c->gid = c->sgid = gid;
	else if (gid != c->gid && gid != c->sgid)
		return -EPERM;
	c->egid = c->fsgid = gid;
	return 0;
}

/*
 * setreuid(r, e) (-1: unchanged): the real uid may become the real or effective one, the
 * effective uid any of the three; the saved uid follows the effective one when the real
 * uid is set or the effective one set to other than the old real one.
 */
long sys_setreuid(unsigned int r, unsigned int e)
{
	struct cred *c = &current->cred, old = *c;
	bool priv = capable_setid(&old);

	if ((r != NO_ID && !priv && r != old.uid && r != old.euid) ||
	    (e != NO_ID && !priv && !one_of(e, old.uid, old.euid, old.suid)))
		return -EPERM;
	if (r != NO_ID)
		c->uid = r;
	if (e != NO_ID)
		c->euid = e;
	if (r != NO_ID || (e != NO_ID && e != old.uid))
		c->suid = c->euid;
	c->fsuid = c->euid;
	commit_uids(c, &old);
	return 0;
}

long sys_setregid(unsigned int r, unsigned int e)
{
	struct cred *c = &current->cred, old = *c;
	bool priv = capable_setid(&old);

	if ((r != NO_ID && !priv && r != old.gid && r != old.egid) ||
	    (e != NO_ID && !priv && !one_of(e, old.gid, old.egid, old.sgid)))
		return -EPERM;
	if (r != NO_ID)
		c->gid = r;
	if (e != NO_ID)
		c->egid = e;
	if (r != NO_ID || (e != NO_ID && e != old.gid))
		c->sgid = c->egid;
	c->fsgid = c->egid;
	return 0;
}

/* setresuid(r, e, s) (-1: unchanged): unprivileged, each new id must be one of the three
 * old ones. */
long sys_setresuid(unsigned int r, unsigned int e, unsigned int s)
{
	struct cred *c = &current->cred, old = *c;

	if (!capable_setid(&old) &&
	    ((r != NO_ID && !one_of(r, old.uid, old.euid, old.suid)) ||
	     (e != NO_ID && !one_of(e, old.uid, old.euid, old.suid)) ||
	     (s != NO_ID && !one_of(s, old.uid, old.euid, old.suid))))
		return -EPERM;
	if (r != NO_ID)
		c->uid = r;
	if (e != NO_ID)
		c->euid = e;
	if (s != NO_ID)
		c->suid = s;
	c->fsuid = c->euid;
	commit_uids(c, &old);
	return 0;
}

long sys_setresgid(unsigned int r, unsigned int e, unsigned int s)
{
	struct cred *c = &current->cred, old = *c;

	if (!capable_setid(&old) &&
	    ((r != NO_ID && !one_of(r, old.gid, old.egid, old.sgid)) ||
	     (e != NO_ID && !one_of(e, old.gid, old.egid, old.sgid)) ||
	     (s != NO_ID && !one_of(s, old.gid, old.egid, old.sgid))))
		return -EPERM;
	if (r != NO_ID)
		c->gid = r;
	if (e != NO_ID)
		c->egid = e;
	if (s != NO_ID)
		c->sgid = s;
	c->fsgid = c->egid;
	return 0;
}

/* setfsuid(id): always returns the old fs uid; changes it only to one of the process's
 * uids (or anything, privileged). */
long sys_setfsuid(unsigned int id)
{
	struct cred *c = &current->cred;
	unsigned int old = c->fsuid;

	if (id != NO_ID && (capable_setid(c) || one_of(id, c->uid, c->euid, c->suid) ||
			    id == c->fsuid))
		c->fsuid = id;
	return old;
}

long sys_setfsgid(unsigned int id)
{
	struct cred *c = &current->cred;
	unsigned int old = c->fsgid;

	if (id != NO_ID && (capable_setid(c) || one_of(id, c->gid, c->egid, c->sgid) ||
			    id == c->fsgid))
		c->fsgid = id;
	return old;
}

/* getgroups(size, list): the number of groups; with size > 0, also the groups (EINVAL
 * if they do not fit). */
long sys_getgroups(int size, unsigned int __user *list)
{
	const struct cred *c = &current->cred;

	if (size < 0)
		return -EINVAL;
	if (size) {
		if (c->ngroups > size)
			return -EINVAL;
		if (copy_to_user(list, c->groups, (size_t)c->ngroups * sizeof(c->groups[0])))
			return -EFAULT;
	}
	return c->ngroups;
}

/* setgroups(size, list): privileged only (EPERM first, then EINVAL past NGROUPS_MAX);
 * kept sorted, as Linux keeps them, so getgroups() returns them in increasing order. */
long sys_setgroups(int size, const unsigned int __user *list)
{
	struct cred *c = &current->cred;
	unsigned int groups[CRED_NGROUPS];

	if (!capable_setid(c))
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX)
		return -EINVAL;
	if (size > CRED_NGROUPS)
		return -ENOMEM;
	if (copy_from_user(groups, list, (size_t)size * sizeof(groups[0])))
		return -EFAULT;
	for (int i = 1; i < size; i++) /* insertion sort: a handful of groups */
		for (int j = i; j > 0 && groups[j - 1] > groups[j]; j--) {
			unsigned int g = groups[j];

			groups[j] = groups[j - 1];
			groups[j - 1] = g;
		}
	memcpy(c->groups, groups, (size_t)size * sizeof(groups[0]));
	c->ngroups = size;
	return 0;
}
