/* Terminal modes: Linux's struct termios and flags (uapi/termios.h), and the calls. */
#ifndef USER_TERMIOS_H
#define USER_TERMIOS_H

#include <sys/types.h>
#include <uapi/termios.h>

#define TCSANOW   0 /* tcsetattr(): now (TCSETS) */
#define TCSADRAIN 1 /* after output drains (TCSETSW) */
#define TCSAFLUSH 2 /* after output drains, discarding input (TCSETSF) */

#ifndef O_NOCTTY
#define O_NOCTTY 0400 /* open(): never make this terminal the controlling one */
#endif

/* 0, or -1 with errno (ENOTTY if fd is not a terminal). */
int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int when, const struct termios *t);
/* 1 if fd is a terminal, else 0. */
int isatty(int fd);
/* The foreground process group of fd, the caller's controlling terminal; -1 with errno. */
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

#endif
