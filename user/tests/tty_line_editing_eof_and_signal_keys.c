/* EXPECT: exit 0 */
/* NEEDS: console */
/*
 * The terminal's line discipline, driven by typing into it (TIOCSTI) from a session
 * that has it as its controlling terminal, echo off (see terminal.h):
 *
 *   - canonical mode: DEL erases a byte ("ab<DEL>c\n" reads "ac\n"), ^U the line
 *     ("xy^Uz\n" reads "z\n"), carriage return reads as newline (ICRNL); a read returns
 *     one line at a time while FIONREAD counts every finished line; ^D on an empty line
 *     reads as end of file (0), after "q" it ends the line without a byte ("q");
 *   - ISIG: ^C, ^\ and ^Z send SIGINT, SIGQUIT and SIGTSTP to the foreground group (us:
 *     our handlers run) and discard what was typed (FIONREAD 0);
 *   - leaving canonical mode makes a half-typed line readable; without ICANON and ISIG
 *     every byte, ^C too, is read as it comes; VMIN 0 and VTIME 0: a read never waits.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <terminal.h>
#include <unistd.h>

static volatile int nr_int, nr_quit, nr_tstp;

static void on_signal(int sig)
{
	if (sig == SIGINT)
		nr_int++;
	else if (sig == SIGQUIT)
		nr_quit++;
	else if (sig == SIGTSTP)
		nr_tstp++;
}

static int pending(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

/* Read once from fd and check it returned exactly want. */
static void read_is(int fd, const char *want)
{
	char buf[64];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	CHECK(n >= 0, "read: %s", strerror(errno));
	buf[n] = '\0';
	CHECK(n == (ssize_t)strlen(want) && !memcmp(buf, want, (size_t)n),
	      "read %zd bytes \"%s\", expected \"%s\"", n, buf, want);
}

static void set_modes(int fd, const struct termios *base, tcflag_t lflag_off, int vmin)
{
	struct termios t = *base;

	t.c_lflag &= ~lflag_off;
	t.c_cc[VMIN] = (cc_t)vmin;
	t.c_cc[VTIME] = 0;
	CHECK_EQ(tcsetattr(fd, TCSANOW, &t), 0);
}

static int session(void *arg)
{
	struct termios saved, quiet;
	int fd;

	(void)arg;
	CHECK(setsid() == getpid(), "setsid: %s", strerror(errno));
	fd = open_test_terminal();
	CHECK_EQ(ioctl(fd, TIOCSCTTY, 0), 0);
	CHECK_EQ(tcgetattr(fd, &saved), 0);
	quiet = saved;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	CHECK_EQ(tcsetattr(fd, TCSAFLUSH, &quiet), 0);
	CHECK_EQ(pending(fd), 0);

	type_into(fd, "ab\x7f" "c\n");
	read_is(fd, "ac\n");
	type_into(fd, "xy\x15z\r");
	read_is(fd, "z\n");
	type_into(fd, "one\ntwo\npart");
	CHECK_EQ(pending(fd), 8);
	read_is(fd, "one\n");
	read_is(fd, "two\n");
	type_into(fd, "\x15\x04");
	read_is(fd, "");
	type_into(fd, "q\x04");
	read_is(fd, "q");

	signal(SIGINT, on_signal);
	signal(SIGQUIT, on_signal);
	signal(SIGTSTP, on_signal);
	type_into(fd, "abc\x03");
	CHECK_EQ(nr_int, 1);
	CHECK_EQ(pending(fd), 0);
	type_into(fd, "x\n\x1c");
	CHECK_EQ(nr_quit, 1);
	CHECK_EQ(pending(fd), 0);
	type_into(fd, "\x1a");
	CHECK_EQ(nr_tstp, 1);

	type_into(fd, "par");
	set_modes(fd, &quiet, ICANON, 1);
	read_is(fd, "par");
	set_modes(fd, &quiet, ICANON | ISIG, 1);
	type_into(fd, "\x03k");
	CHECK_EQ(pending(fd), 2);
	read_is(fd, "\x03k");
	CHECK_EQ(nr_int, 1);
	set_modes(fd, &quiet, ICANON | ISIG, 0);
	read_is(fd, "");

	CHECK_EQ(tcsetattr(fd, TCSAFLUSH, &saved), 0);
	return 0;
}

int main(void)
{
	int status = run_in_child(session, NULL);

	CHECK(status == 0, "session: %s", status_str(status));
	return 0;
}
