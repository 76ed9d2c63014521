/*
 * File status flags and fcntl() commands: Linux's values (include/uapi/asm-generic/
 * fcntl.h, the same on riscv64 and x86_64). Shared by the kernel and user/. The access
 * modes, O_CREAT, O_APPEND, O_CLOEXEC and friends are in uapi/abi.h.
 */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#define O_NONBLOCK  04000   /* read/write return EAGAIN instead of sleeping */
#define O_DIRECT    040000  /* pipe2(): packet mode (refused here) */
#define O_LARGEFILE 0100000 /* 64-bit Linux sets it on every open() */

/* fcntl() commands */
#define F_DUPFD         0    /* a copy of fd at the lowest free descriptor >= arg */
#define F_GETFD         1    /* the descriptor's flags (FD_CLOEXEC) */
#define F_SETFD         2
#define F_GETFL         3    /* the open file's access mode and status flags */
#define F_SETFL         4    /* status flags: only O_APPEND and O_NONBLOCK change here */
#define F_DUPFD_CLOEXEC 1030 /* F_DUPFD, with FD_CLOEXEC set on the copy */

#define FD_CLOEXEC 1 /* close the descriptor at execve() */

/* lseek() whence beyond SEEK_SET/CUR/END (uapi/linux/fs.h) */
#define SEEK_DATA 3 /* the next offset >= offset that holds data */
#define SEEK_HOLE 4 /* the next hole at or after offset (the end of file counts as one) */

#define PIPE_BUF 4096 /* a pipe write of at most this many bytes is atomic (limits.h) */

/* ioctl() on a pipe or terminal (asm-generic/ioctls.h) */
#define FIONREAD 0x541B /* int: bytes ready to read */

#endif
