/* EXPECT: exit 0 */
/*
 * O_NONBLOCK and PIPE_BUF:
 * - pipe2(O_NONBLOCK): F_GETFL shows it on both ends; reading the empty pipe is EAGAIN;
 *   writes of PIPE_BUF bytes go in until 64 KiB are there (Linux's default size), the
 *   next is EAGAIN, and FIONREAD counts 65536; a read then makes room for one more;
 * - F_SETFL clears O_NONBLOCK on one end only (the other is its own open file);
 * - pipe2 refuses flags other than O_CLOEXEC and O_NONBLOCK with EINVAL;
 * - writes of PIPE_BUF bytes are atomic: four children each write 64 records of 4096
 *   bytes of their own letter into one pipe at once, and the parent reads 256 whole
 *   records, each of a single letter, 64 of each letter.
 */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define WRITERS 4
#define RECORDS 64

static char record[PIPE_BUF];

/* Read exactly n bytes (a pipe read returns what is there); 0 or -1. */
static int read_full(int fd, char *buf, size_t n)
{
	while (n) {
		ssize_t got = read(fd, buf, n);

		if (got <= 0)
			return -1;
		buf += got;
		n -= (size_t)got;
	}
	return 0;
}

int main(void)
{
	int fds[2], count[WRITERS] = { 0 }, n, writes = 0;
	pid_t child[WRITERS];

	CHECK_EQ(pipe2(fds, O_NONBLOCK), 0);
	CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY | O_NONBLOCK);
	CHECK_EQ(fcntl(fds[1], F_GETFL), O_WRONLY | O_NONBLOCK);
	CHECK_ERR(syscall6(__NR_read, fds[0], (long)record, 1, 0, 0, 0), EAGAIN);
	while (write(fds[1], record, PIPE_BUF) == PIPE_BUF)
		writes++;
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(writes, 16);
	CHECK_EQ(syscall6(__NR_ioctl, fds[0], FIONREAD, (long)&n, 0, 0, 0), 0);
	CHECK_EQ(n, 65536);
	CHECK_EQ(read(fds[0], record, PIPE_BUF), PIPE_BUF);
	CHECK_EQ(write(fds[1], record, PIPE_BUF), PIPE_BUF);
	CHECK_ERR(syscall6(__NR_write, fds[1], (long)record, 1, 0, 0, 0), EAGAIN);
	CHECK_EQ(fcntl(fds[0], F_SETFL, 0), 0);
	CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY);
	CHECK_EQ(fcntl(fds[1], F_GETFL), O_WRONLY | O_NONBLOCK);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	CHECK_ERR(syscall6(__NR_pipe2, (long)fds, O_APPEND, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_pipe2, (long)fds, O_RDWR, 0, 0, 0, 0), EINVAL);

	CHECK_EQ(pipe(fds), 0);
	for (int w = 0; w < WRITERS; w++) {
		child[w] = fork();
		CHECK(child[w] >= 0, "fork");
		if (child[w] == 0) {
			close(fds[0]);
			memset(record, 'a' + w, sizeof(record));
			for (int r = 0; r < RECORDS; r++)
				if (write(fds[1], record, PIPE_BUF) != PIPE_BUF)
					_exit(1);
			_exit(0);
		}
	}
	CHECK_EQ(close(fds[1]), 0);
	for (int r = 0; r < WRITERS * RECORDS; r++) {
		CHECK(read_full(fds[0], record, PIPE_BUF) == 0, "record %d cut short", r);
		CHECK(record[0] >= 'a' && record[0] < 'a' + WRITERS, "record %d: %#x", r, record[0]);
		for (int b = 1; b < PIPE_BUF; b++)
			CHECK(record[b] == record[0], "record %d mixes %c and %c at byte %d", r,
			      record[0], record[b], b);
		count[record[0] - 'a']++;
	}
	CHECK_EQ(read(fds[0], record, 1), 0);
	for (int w = 0; w < WRITERS; w++) {
		int status = wait_child(child[w], 0);

		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
		CHECK_EQ(count[w], RECORDS);
	}
	CHECK_EQ(close(fds[0]), 0);
	return 0;
}
