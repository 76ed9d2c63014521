/* EXPECT: exit 0 */
/*
 * Pipes leak neither descriptors nor memory (runall's leak check after the test counts
 * every frame): 300 pipes in turn, each filled with 64 KiB (16 pages) and closed, get
 * descriptors 3 and 4 every time; a pipe closed by its reader first and one closed by its
 * writer first both go; and a child that exits with full pipes still open, its parent's
 * ends already closed, leaves nothing behind either.
 */
#include <check.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

static char block[65536];

int main(void)
{
	int fds[2], status;
	pid_t child;

	for (int i = 0; i < 300; i++) {
		CHECK_EQ(pipe(fds), 0);
		CHECK(fds[0] == 3 && fds[1] == 4, "pipe %d got %d and %d", i, fds[0], fds[1]);
		CHECK_EQ(write(fds[1], block, sizeof(block)), sizeof(block));
		if (i % 2) {
			CHECK_EQ(read(fds[0], block, 5000), 5000);
			CHECK_EQ(close(fds[0]), 0);
			CHECK_EQ(close(fds[1]), 0);
		} else {
			CHECK_EQ(close(fds[1]), 0);
			CHECK_EQ(close(fds[0]), 0);
		}
	}

	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		for (int i = 0; i < 8; i++) {
			if (pipe2(fds, O_NONBLOCK) || write(fds[1], block, sizeof(block)) != sizeof(block))
				_exit(1);
		}
		_exit(0);
	}
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	CHECK_EQ(dup(0), 3); /* nothing of ours was left open */
	CHECK_EQ(close(3), 0);
	return 0;
}
