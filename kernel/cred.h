/*
 * Credentials (Linux's struct cred, kernel/sys.c and kernel/groups.c): who a process is,
 * for the uid/gid system calls. Every process starts as root (uid and gid 0) and fork
 * copies the caller's. Faultline checks no permission on files, so the ids matter only
 * to the calls below and to the privilege rule they share, Linux's: a process may set any
 * id while it holds CAP_SETUID/CAP_SETGID, which root has while its effective uid is 0
 * and which it loses for good once none of its real, effective and saved uids is 0.
 * Without it, an id may only be set to one of the process's current ones.
 */
#ifndef KERNEL_CRED_H
#define KERNEL_CRED_H

#include <mm/uaccess.h>
#include <types.h>

#define NGROUPS_MAX   65536 /* Linux's limit on setgroups() */
#define CRED_NGROUPS  32    /* supplementary groups kept here; more is -ENOMEM */

struct cred {
	unsigned int uid, euid, suid, fsuid; /* real, effective, saved, file-system uid */
	unsigned int gid, egid, sgid, fsgid; /* the same for the group */
	bool cap_permitted;   /* still holds the capabilities root starts with */
	int ngroups;          /* supplementary groups in groups[] */
	unsigned int groups[CRED_NGROUPS];
};

struct task;

/*
 * Does c hold root's capabilities (Linux's capable(), for any CAP_*: Faultline keeps
 * them as one)? Root has them while its effective uid is 0.
 */
static inline bool cred_capable(const struct cred *c)
{
	return c->cap_permitted && c->euid == 0;
}

/* Root's credentials for a process started by the kernel (init). */
void cred_init_root(struct cred *c);
/* execve(): a process whose real or effective uid is 0 gets root's capabilities back,
 * as under Linux without file capabilities. */
void cred_exec(struct cred *c);

long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_getresuid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s);
long sys_getresgid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s);
long sys_setuid(unsigned int uid);
long sys_setgid(unsigned int gid);
long sys_setreuid(unsigned int r, unsigned int e);
long sys_setregid(unsigned int r, unsigned int e);
long sys_setresuid(unsigned int r, unsigned int e, unsigned int s);
long sys_setresgid(unsigned int r, unsigned int e, unsigned int s);
long sys_setfsuid(unsigned int fsuid);
long sys_setfsgid(unsigned int fsgid);
long sys_getgroups(int size, unsigned int __user *list);
long sys_setgroups(int size, const unsigned int __user *list);

#endif
