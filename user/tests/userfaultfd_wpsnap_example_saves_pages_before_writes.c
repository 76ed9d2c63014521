/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * The write-protect snapshot /tests/wpsnap (user/examples/wpsnap.c) runs to its end and
 * prints exactly the trace below: after one UFFDIO_WRITEPROTECT over 8 populated pages,
 * reads do not fault; the first write to each page is one message with
 * UFFD_PAGEFAULT_FLAG_WP naming the writing thread, and it completes only after the
 * pager has saved the old page and cleared the protection (UFFDIO_WRITEPROTECT mode 0);
 * the second write to page 4 does not fault; the snapshot (saved pages plus the pages
 * never written, copied afterwards) equals the memory at the instant of protection, and
 * the memory has every write. The trace is printed again here, so difftest compares it
 * with Linux's line by line. Linux riscv64 has no uffd-wp (UFFDIO_API refuses
 * UFFD_FEATURE_PAGEFAULT_FLAG_WP there, so wpsnap stops at once): on riscv64 the
 * reference is x86_64 Linux's run, which the trace below is, and on riscv64 Linux the
 * test checks that refusal, notes it, and prints that reference trace for difftest.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char expected[] =
	"wpsnap: snapshot taken: 8 pages write-protected\n"
	"worker: page 1 says \"page 1, generation 0\", writing it\n"
	"pager: write-protect fault on page 1 (the worker): saving its old contents\n"
	"worker: page 1 now says \"page 1, generation 1\"\n"
	"worker: page 4 says \"page 4, generation 0\", writing it\n"
	"pager: write-protect fault on page 4 (the worker): saving its old contents\n"
	"worker: page 4 now says \"page 4, generation 1\"\n"
	"worker: page 6 says \"page 6, generation 0\", writing it\n"
	"pager: write-protect fault on page 6 (the worker): saving its old contents\n"
	"worker: page 6 now says \"page 6, generation 1\"\n"
	"worker: page 4 says \"page 4, generation 1\", writing it\n"
	"worker: page 4 now says \"page 4, generation 1\"\n"
	"wpsnap: saved on first write: 1 4 6\n"
	"wpsnap: copied afterwards, never written: 0 2 3 5 7\n"
	"wpsnap: snapshot equals the memory at the instant it was taken\n";

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
		char *argv[] = { "wpsnap", NULL }, *envp[] = { NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		execve(rootpath("/tests/wpsnap"), argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, sizeof(out) - 1 - (size_t)len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	status = wait_child(pid, 0);
#ifdef __riscv
	if (!on_faultline()) {
		CHECK(strcmp(out, "wpsnap: UFFDIO_API: Invalid argument\n") == 0 &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 1,
		      "Linux riscv64 should refuse uffd-wp in UFFDIO_API: %s, %s", status_str(status), out);
		note("Linux riscv64 has no uffd-wp; the reference is x86_64 Linux's trace");
		printf("%s", expected);
		return 0;
	}
#endif
	printf("%s", out);
	CHECK(status == 0, "wpsnap: %s", status_str(status));
	CHECK(strcmp(out, expected) == 0, "wpsnap's trace is not the expected one:\n%s", expected);
	return 0;
}
