/* EXPECT: exit 0 */
/* NEEDS: console */
/*
 * The console: write() to fd 1 returns the byte count, a bad descriptor gives EBADF,
 * and read() on fd 0 returns the line the test harness typed: exactly
 * "console-input-check 42\n" (the kernel's console returns one line per read). A read
 * into a bad buffer first is EFAULT and consumes nothing: the line is still there.
 */
#include <check.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	static const char msg[] = "# console_write_read: this line was written by write(1)\n";
	static const char want[] = "console-input-check 42\n";
	char buf[128];
	long n;

	CHECK_EQ(write(STDOUT_FILENO, msg, sizeof(msg) - 1), sizeof(msg) - 1);
	CHECK_EQ(syscall6(__NR_write, STDOUT_FILENO, (long)msg, 0, 0, 0, 0), 0);
	CHECK_ERR(syscall6(__NR_write, 99, (long)msg, 3, 0, 0, 0), EBADF);
	CHECK_ERR(syscall6(__NR_write, -1, (long)msg, 3, 0, 0, 0), EBADF);
	CHECK_ERR(syscall6(__NR_read, 99, (long)buf, 3, 0, 0, 0), EBADF);
	CHECK_ERR(syscall6(__NR_close, 99, 0, 0, 0, 0, 0), EBADF);

	CHECK_ERR(syscall6(__NR_read, STDIN_FILENO, 8, sizeof(buf) - 1, 0, 0, 0), EFAULT);
	memset(buf, 0, sizeof(buf));
	n = read(STDIN_FILENO, buf, sizeof(buf) - 1);
	CHECK(n == (long)strlen(want) && !memcmp(buf, want, strlen(want)),
	      "read(0) returned %ld bytes \"%.*s\", expected %zu bytes \"console-input-check 42\\n\"",
	      n, n > 0 ? (int)n : 0, buf, strlen(want));
	return 0;
}
