/* EXPECT: exit 0 */
/*
 * poll() takes as many pollfds as RLIMIT_NOFILE allows, as Linux: with the soft limit at
 * 1024, 1024 entries (negative descriptors but for a readable pipe's read end at index
 * 700 and at the last index, and a closed descriptor at index 1000) report 3 ready,
 * POLLIN at 700 and 1023, POLLNVAL at 1000, and every other revents written back as 0;
 * 1025 entries are EINVAL. With the limit raised to 2000 (if the hard limit allows),
 * 2000 entries work the same.
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define NR_MAX 2000

static struct pollfd fds[NR_MAX + 1];

/* Poll n entries: rfd at 700 and at n - 1 (if past 1000), fd 63 (closed) at 1000. */
static void check_poll(int n, int rfd)
{
	int want = 2 + (n - 1 > 1000);

	for (int i = 0; i < n; i++) {
		fds[i].fd = -1 - i % 5;
		fds[i].events = POLLIN;
		fds[i].revents = 0x7777;
	}
	fds[700].fd = rfd;
	fds[1000].fd = 63;
	if (n - 1 > 1000)
		fds[n - 1].fd = rfd;
	CHECK_EQ(poll(fds, (nfds_t)n, 0), want);
	for (int i = 0; i < n; i++) {
		short expect = i == 700 || (i == n - 1 && n - 1 > 1000) ? POLLIN :
			       i == 1000 ? POLLNVAL : 0;

		CHECK(fds[i].revents == expect, "%d entries: revents[%d] = %#x, want %#x", n, i,
		      fds[i].revents, expect);
	}
}

int main(void)
{
	struct rlimit rl;
	int p[2];

	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
	CHECK(rl.rlim_max >= 1024, "hard RLIMIT_NOFILE %lu", (unsigned long)rl.rlim_max);
	rl.rlim_cur = 1024;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(write(p[1], "x", 1), 1);
	close(63);

	check_poll(1024, p[0]);
	CHECK(poll(fds, 1025, 0) == -1 && errno == EINVAL, "1025 entries: errno %d", errno);

	if (rl.rlim_max >= NR_MAX) {
		rl.rlim_cur = NR_MAX;
		CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
		check_poll(NR_MAX, p[0]);
		CHECK(poll(fds, NR_MAX + 1, 0) == -1 && errno == EINVAL, "%d entries: errno %d",
		      NR_MAX + 1, errno);
	} else {
		note("hard RLIMIT_NOFILE %lu: %d entries not tried", (unsigned long)rl.rlim_max,
		     NR_MAX);
	}
	return 0;
}
