/*
 * The console as a terminal: bytes typed arrive from the UART's receive interrupt; the
 * line discipline echoes them, handles backspace, and hands whole lines to read(0, ...),
 * which sleeps until one is complete ("canonical mode" in Linux's termios words).
 */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <types.h>

/* A byte from the keyboard side; called from the UART interrupt. */
void tty_receive(char c);
/* Read at most n bytes of the next line into kernel memory at buf: bytes, or -EINTR. */
long tty_read(char *buf, size_t n);
/* Give back the last n bytes the latest tty_read() took (they could not be delivered), so
 * the next read returns them; nothing happens if another read came in between. */
void tty_unread(size_t n);

/* The POLL* events of the console: POLLIN once a whole line is there, POLLOUT always. */
unsigned int tty_poll(void);

#endif
