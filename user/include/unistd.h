/*
 * The POSIX system calls on files and processes. Each returns what Linux's does, or -1
 * with errno set (the raw system call's negative result, negated).
 */
#ifndef USER_UNISTD_H
#define USER_UNISTD_H

#include <sys/types.h>
#include <uapi/abi.h>
#include <compiler.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* The environment: NULL-terminated "NAME=value" strings, set by the start-up code. */
extern char **environ;

ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
/* Read or write at offset, leaving the file's position alone. */
ssize_t pread(int fd, void *buf, size_t count, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset);
/* A pipe: fds[0] its read end, fds[1] its write end; flags O_CLOEXEC, O_NONBLOCK. */
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
/* Another descriptor for the same open file: the lowest free one, newfd, or newfd with
 * flags (O_CLOEXEC; dup3 refuses newfd == oldfd). */
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);

/* Paths: 0 (or a length) on success, -1 with errno on failure, as Linux's. */
int unlinkat(int dirfd, const char *path, int flags); /* flags: AT_REMOVEDIR */
int unlink(const char *path);
int rmdir(const char *path);
int symlinkat(const char *target, int newdirfd, const char *linkpath);
int symlink(const char *target, const char *linkpath);
/* A link's target into buf, without a NUL, cut at size bytes; its length. */
ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size);
ssize_t readlink(const char *path, char *buf, size_t size);
/* faccessat() here is faccessat2 (flags: AT_SYMLINK_NOFOLLOW, AT_EACCESS, AT_EMPTY_PATH). */
int faccessat(int dirfd, const char *path, int mode, int flags);
int access(const char *path, int mode);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int chdir(const char *path);
int fchdir(int fd);
/* The working directory's absolute path in buf; buf, or NULL (ERANGE: size too small). */
char *getcwd(char *buf, size_t size);

/* Set the program break to addr (0 or -1/ENOMEM). */
int brk(void *addr);
/* Move the program break by incr bytes; returns the old break, or (void *)-1/ENOMEM. */
void *sbrk(long incr);

/* Replace this program; returns only on failure (-1). */
int execve(const char *path, char *const argv[], char *const envp[]);
/* End the whole process (exit_group) with status & 0xff, at once. */
__noreturn void _exit(int status);
/* clone(SIGCHLD): the child gets 0, the parent the child's pid, or -1. */
pid_t fork(void);

pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
/* Process groups and sessions: 0 or the id, -1 with errno on failure. */
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);

/* Identity (all 0: root, until changed): the uid/gid calls return 0 or -1 with errno. */
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int getresuid(uid_t *r, uid_t *e, uid_t *s);
int getresgid(gid_t *r, gid_t *e, gid_t *s);
int setuid(uid_t uid);
int setgid(gid_t gid);
int setreuid(uid_t r, uid_t e);
int setregid(gid_t r, gid_t e);
int setresuid(uid_t r, uid_t e, uid_t s);
int setresgid(gid_t r, gid_t e, gid_t s);
int getgroups(int size, gid_t list[]);
int setgroups(size_t size, const gid_t *list);

/* SIGALRM after seconds (0: cancel); returns the seconds the last alarm had left. */
unsigned int alarm(unsigned int seconds);

/* Sleep until a signal handler has run (or a signal ends the process). Returns -1 with
 * errno EINTR. */
int pause(void);

#endif
