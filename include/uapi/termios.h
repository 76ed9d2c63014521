/*
 * Terminal control: struct termios, its flags and the tty ioctls, as Linux has them for
 * both arches (include/uapi/asm-generic/termbits.h, ioctls.h). Shared by the kernel and
 * user/.
 */
#ifndef UAPI_TERMIOS_H
#define UAPI_TERMIOS_H

#define NCCS 19

typedef unsigned int tcflag_t;
typedef unsigned char cc_t;

/* What TCGETS/TCSETS* move: Linux's struct termios (not glibc's, which is longer). */
struct termios {
	tcflag_t c_iflag; /* input modes */
	tcflag_t c_oflag; /* output modes */
	tcflag_t c_cflag; /* control modes */
	tcflag_t c_lflag; /* local modes: ICANON, ECHO, ISIG, ... */
	cc_t c_line;      /* line discipline number (0: N_TTY) */
	cc_t c_cc[NCCS];  /* control characters, indexed by V* */
};

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

/* c_cc indices */
#define VINTR    0  /* ^C: SIGINT */
#define VQUIT    1  /* ^\: SIGQUIT */
#define VERASE   2  /* DEL: erase a byte */
#define VKILL    3  /* ^U: erase the line */
#define VEOF     4  /* ^D: end of file */
#define VTIME    5  /* non-canonical read: timeout, tenths of a second */
#define VMIN     6  /* non-canonical read: fewest bytes */
#define VSWTC    7
#define VSTART   8  /* ^Q */
#define VSTOP    9  /* ^S */
#define VSUSP    10 /* ^Z: SIGTSTP */
#define VEOL     11
#define VREPRINT 12 /* ^R */
#define VDISCARD 13 /* ^O */
#define VWERASE  14 /* ^W: erase a word */
#define VLNEXT   15 /* ^V */
#define VEOL2    16

/* c_iflag */
#define IGNBRK  0000001
#define BRKINT  0000002
#define ICRNL   0000400 /* carriage return in -> newline */
#define IXON    0002000
#define IMAXBEL 0020000
#define IUTF8   0040000

/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004 /* newline out -> carriage return, newline */

/* c_cflag */
#define B38400 0000017
#define CS8    0000060
#define CREAD  0000200
#define HUPCL  0002000

/* c_lflag */
#define ISIG    0000001 /* INTR, QUIT and SUSP characters send signals */
#define ICANON  0000002 /* line editing; read() returns whole lines */
#define ECHO    0000010 /* echo what is typed */
#define ECHOE   0000020 /* ERASE erases on the screen */
#define ECHOK   0000040
#define ECHONL  0000100
#define NOFLSH  0000200
#define TOSTOP  0000400 /* background writes get SIGTTOU */
#define ECHOCTL 0001000 /* echo control characters as ^X */
#define ECHOKE  0004000
#define IEXTEN  0100000

/* ioctl requests */
#define TCGETS     0x5401
#define TCSETS     0x5402 /* now */
#define TCSETSW    0x5403 /* after output drains */
#define TCSETSF    0x5404 /* after output drains, discarding pending input */
#define TIOCSCTTY  0x540E /* make this the caller's controlling terminal */
#define TIOCGPGRP  0x540F /* the foreground process group */
#define TIOCSPGRP  0x5410
#define TIOCSTI    0x5412 /* push a byte as if typed */
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B /* bytes ready to read */
#define TIOCNOTTY  0x5422 /* give up the controlling terminal */
#define TIOCGSID   0x5429 /* the session the terminal belongs to */

#endif
