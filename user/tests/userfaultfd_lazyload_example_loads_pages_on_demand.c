/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * The demand-loading pager /tests/lazyload (user/examples/lazyload.c) runs to its end
 * and prints exactly the trace below: every first touch of a page (a read or a write,
 * by worker 1 or worker 2) is one message to the pager, naming the page, the faulting
 * thread (UFFD_FEATURE_THREAD_ID) and whether it was a write (UFFD_PAGEFAULT_FLAG_WRITE);
 * the access completes with the image's contents once UFFDIO_COPY has mapped the page;
 * a page already loaded (page 5, read by worker 2) does not fault again; the pages never
 * touched (2, 4, 6) are never asked for. The trace is printed again here, so difftest
 * compares it with Linux's line by line.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char expected[] =
	"worker 1: read page 3\n"
	"pager: page 3 for worker 1 (read fault): copied from image offset 0x3000\n"
	"worker 1: page 3 says \"image page 3\"\n"
	"worker 1: read page 0\n"
	"pager: page 0 for worker 1 (read fault): copied from image offset 0x0\n"
	"worker 1: page 0 says \"image page 0\"\n"
	"worker 1: write page 5\n"
	"pager: page 5 for worker 1 (write fault): copied from image offset 0x5000\n"
	"worker 1: page 5 says \"image page 5\"\n"
	"worker 2: read page 5\n"
	"worker 2: page 5 says \"image page 5\"\n"
	"worker 2: write page 1\n"
	"pager: page 1 for worker 2 (write fault): copied from image offset 0x1000\n"
	"worker 2: page 1 says \"image page 1\"\n"
	"worker 2: read page 7\n"
	"pager: page 7 for worker 2 (read fault): copied from image offset 0x7000\n"
	"worker 2: page 7 says \"image page 7\"\n"
	"lazyload: loaded pages: 0 1 3 5 7\n"
	"lazyload: never needed, never read from the image: 2 4 6\n"
	"lazyload: loaded pages match the image\n";

static char out[8192];

int main(void)
{
	int fds[2], status;
	long len = 0, n;
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		char *argv[] = { "lazyload", NULL }, *envp[] = { NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		execve(rootpath("/tests/lazyload"), argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, sizeof(out) - 1 - (size_t)len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	status = wait_child(pid, 0);
	printf("%s", out);
	CHECK(status == 0, "lazyload: %s", status_str(status));
	CHECK(strcmp(out, expected) == 0, "lazyload's trace is not the expected one:\n%s", expected);
	return 0;
}
