/* EXPECT: exit 0 */
/* NEEDS: console */
/*
 * Terminal ioctls with Linux's values and errors:
 *
 *   - TCGETS, TIOCGWINSZ on a regular file: ENOTTY; FIONREAD there says the bytes left
 *     to read; any ioctl on a closed fd: EBADF;
 *   - TCGETS on the terminal: a cooked terminal (ICANON, ECHO, ISIG, ICRNL) with Linux's
 *     control characters (^C ^\ DEL ^U ^D ^Z, VMIN 1);
 *   - TCSETS changes the modes, TCGETS reads them back; TIOCSWINSZ/TIOCGWINSZ likewise;
 *   - in a new session, TIOCGPGRP and TIOCGSID are ENOTTY until TIOCSCTTY makes the
 *     terminal ours; then they say our group and session; TIOCSCTTY again is 0;
 *   - TIOCSPGRP: a negative group EINVAL, a group nobody is in ESRCH, a group of another
 *     session EPERM; a group of ours works;
 *   - TIOCSCTTY by a process that does not lead its session: EPERM;
 *   - TIOCNOTTY by the leader gives the terminal up (SIGHUP to the foreground group,
 *     ignored here); TIOCGPGRP is ENOTTY again.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <terminal.h>
#include <unistd.h>

#define NOBODY 0x3ffffff0

static long raw_ioctl(int fd, unsigned long cmd, void *arg)
{
	return syscall6(__NR_ioctl, fd, (long)cmd, (long)arg, 0, 0, 0);
}

static void not_a_tty(void)
{
	struct termios t;
	struct winsize ws;
	int fd = open(rootpath("/data/hello.txt"), O_RDONLY), left = -1;
	off_t size;
	char c;

	CHECK(fd >= 0, "open: %s", strerror(errno));
	CHECK_ERR(raw_ioctl(fd, TCGETS, &t), ENOTTY);
	CHECK_ERR(raw_ioctl(fd, TIOCGWINSZ, &ws), ENOTTY);
	size = lseek(fd, 0, SEEK_END);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(ioctl(fd, FIONREAD, &left), 0);
	CHECK_EQ(left, size - 1);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(raw_ioctl(fd, TCGETS, &t), EBADF);
}

static void sane_termios(int fd)
{
	struct termios t, changed, back;

	CHECK_EQ(tcgetattr(fd, &t), 0);
	CHECK((t.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG), "c_lflag %#o",
	      t.c_lflag);
	CHECK(t.c_iflag & ICRNL, "c_iflag %#o", t.c_iflag);
	CHECK(t.c_cc[VINTR] == 3 && t.c_cc[VQUIT] == 0x1c && t.c_cc[VERASE] == 0x7f &&
	      t.c_cc[VKILL] == 0x15 && t.c_cc[VEOF] == 4 && t.c_cc[VSUSP] == 0x1a &&
	      t.c_cc[VMIN] == 1, "control characters");
	CHECK_EQ(t.c_line, 0);
	changed = t;
	changed.c_lflag &= ~(tcflag_t)(ECHO | ICANON);
	changed.c_cc[VMIN] = 3;
	CHECK_EQ(raw_ioctl(fd, TCSETSW, &changed), 0);
	CHECK_EQ(tcgetattr(fd, &back), 0);
	CHECK(back.c_lflag == changed.c_lflag && back.c_cc[VMIN] == 3, "modes not kept");
	CHECK_EQ(raw_ioctl(fd, TCSETS, &t), 0);
	CHECK_EQ(raw_ioctl(fd, TCGETS, (void *)1), -EFAULT);
}

static void window_size(int fd)
{
	struct winsize saved, ws = { 30, 100, 0, 0 }, got;

	signal(SIGWINCH, SIG_IGN);
	CHECK_EQ(ioctl(fd, TIOCGWINSZ, &saved), 0);
	CHECK_EQ(ioctl(fd, TIOCSWINSZ, &ws), 0);
	CHECK_EQ(ioctl(fd, TIOCGWINSZ, &got), 0);
	CHECK(got.ws_row == 30 && got.ws_col == 100, "window %ux%u", got.ws_row, got.ws_col);
	CHECK_EQ(ioctl(fd, TIOCSWINSZ, &saved), 0);
}

static int not_leader(void *arg)
{
	int fd = *(int *)arg;

	return raw_ioctl(fd, TIOCSCTTY, 0) == -EPERM ? 0 : 1;
}

static int session(void *arg)
{
	pid_t outside = *(pid_t *)arg, me = getpid();
	int fd, pgrp = -1, sid = -1, status, bad;

	CHECK(setsid() == me, "setsid: %s", strerror(errno));
	fd = open_test_terminal();
	CHECK_ERR(raw_ioctl(fd, TIOCGPGRP, &pgrp), ENOTTY);
	CHECK_ERR(raw_ioctl(fd, TIOCGSID, &sid), ENOTTY);
	CHECK_EQ(ioctl(fd, TIOCSCTTY, 0), 0);
	CHECK_EQ(ioctl(fd, TIOCSCTTY, 0), 0);
	CHECK_EQ(ioctl(fd, TIOCGPGRP, &pgrp), 0);
	CHECK_EQ(pgrp, me);
	CHECK_EQ(tcgetpgrp(fd), me);
	CHECK_EQ(ioctl(fd, TIOCGSID, &sid), 0);
	if (under_qemu_user()) /* qemu-user answers TIOCGSID without writing the result */
		note("TIOCGSID says %d: not checked under qemu-user", sid);
	else
		CHECK_EQ(sid, me);
	sane_termios(fd);
	window_size(fd);

	bad = -5;
	CHECK_ERR(raw_ioctl(fd, TIOCSPGRP, &bad), EINVAL);
	bad = NOBODY;
	CHECK_ERR(raw_ioctl(fd, TIOCSPGRP, &bad), ESRCH);
	CHECK_ERR(raw_ioctl(fd, TIOCSPGRP, &outside), EPERM);
	CHECK_ERR(raw_ioctl(fd, TIOCSPGRP, (void *)1), EFAULT);
	CHECK_EQ(tcsetpgrp(fd, me), 0);

	status = run_in_child(not_leader, &fd);
	CHECK(status == 0, "TIOCSCTTY by a non-leader: %s", status_str(status));

	signal(SIGHUP, SIG_IGN);
	CHECK_EQ(ioctl(fd, TIOCNOTTY, 0), 0);
	CHECK_ERR(raw_ioctl(fd, TIOCGPGRP, &pgrp), ENOTTY);
	CHECK_ERR(raw_ioctl(fd, TIOCNOTTY, 0), ENOTTY);
	return 0;
}

int main(void)
{
	pid_t outside = getpgrp();
	int status;

	not_a_tty();
	status = run_in_child(session, &outside);
	CHECK(status == 0, "session: %s", status_str(status));
	return 0;
}
