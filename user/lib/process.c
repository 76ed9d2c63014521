/* System calls that create, replace, end and identify processes. */
#include <sched.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "syscall.h"

pid_t fork(void)
{
	/* clone with no sharing flags: a copy of this process; SIGCHLD to us when it ends. */
	return (pid_t)__syscall_ret(__syscall6(__NR_clone, CLONE_ARGS(SIGCHLD, 0, 0, 0, 0), 0));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)syscall_ret(__NR_execve, path, argv, envp, 0, 0, 0);
}

__noreturn void _exit(int status)
{
	/* exit_group ends every thread; plain exit would end only this one. */
	for (;;)
		__syscall(__NR_exit_group, status, 0, 0, 0, 0, 0);
}

/* Nothing is buffered and there are no atexit handlers, so exit is _exit. */
__noreturn void exit(int status)
{
	_exit(status);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage)
{
	return (pid_t)syscall_ret(__NR_wait4, pid, status, options, rusage, 0, 0);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t getpid(void)
{
	return (pid_t)__syscall(__NR_getpid, 0, 0, 0, 0, 0, 0);
}

pid_t getppid(void)
{
	return (pid_t)__syscall(__NR_getppid, 0, 0, 0, 0, 0, 0);
}

pid_t gettid(void)
{
	return (pid_t)__syscall(__NR_gettid, 0, 0, 0, 0, 0, 0);
}

int sched_yield(void)
{
	return (int)syscall_ret(__NR_sched_yield, 0, 0, 0, 0, 0, 0);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)syscall_ret(__NR_setpgid, pid, pgid, 0, 0, 0, 0);
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)syscall_ret(__NR_getpgid, pid, 0, 0, 0, 0, 0);
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

pid_t setsid(void)
{
	return (pid_t)syscall_ret(__NR_setsid, 0, 0, 0, 0, 0, 0);
}

pid_t getsid(pid_t pid)
{
	return (pid_t)syscall_ret(__NR_getsid, pid, 0, 0, 0, 0, 0);
}
