/* The uid/gid system calls. */
#include <unistd.h>
#include "syscall.h"

uid_t getuid(void)  { return (uid_t)__syscall(__NR_getuid, 0, 0, 0, 0, 0, 0); }
uid_t geteuid(void) { return (uid_t)__syscall(__NR_geteuid, 0, 0, 0, 0, 0, 0); }
gid_t getgid(void)  { return (gid_t)__syscall(__NR_getgid, 0, 0, 0, 0, 0, 0); }
gid_t getegid(void) { return (gid_t)__syscall(__NR_getegid, 0, 0, 0, 0, 0, 0); }

int getresuid(uid_t *r, uid_t *e, uid_t *s)
{
	return (int)syscall_ret(__NR_getresuid, r, e, s, 0, 0, 0);
}

int getresgid(gid_t *r, gid_t *e, gid_t *s)
{
	return (int)syscall_ret(__NR_getresgid, r, e, s, 0, 0, 0);
}

int setuid(uid_t uid) { return (int)syscall_ret(__NR_setuid, uid, 0, 0, 0, 0, 0); }
int setgid(gid_t gid) { return (int)syscall_ret(__NR_setgid, gid, 0, 0, 0, 0, 0); }
int setreuid(uid_t r, uid_t e) { return (int)syscall_ret(__NR_setreuid, r, e, 0, 0, 0, 0); }
int setregid(gid_t r, gid_t e) { return (int)syscall_ret(__NR_setregid, r, e, 0, 0, 0, 0); }

int setresuid(uid_t r, uid_t e, uid_t s)
{
	return (int)syscall_ret(__NR_setresuid, r, e, s, 0, 0, 0);
}

int setresgid(gid_t r, gid_t e, gid_t s)
{
	return (int)syscall_ret(__NR_setresgid, r, e, s, 0, 0, 0);
}

int getgroups(int size, gid_t list[])
{
	return (int)syscall_ret(__NR_getgroups, size, list, 0, 0, 0, 0);
}

int setgroups(size_t size, const gid_t *list)
{
	return (int)syscall_ret(__NR_setgroups, size, list, 0, 0, 0, 0);
}
