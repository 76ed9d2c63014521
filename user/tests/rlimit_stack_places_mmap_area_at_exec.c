/* EXPECT: exit 0 */
/*
 * execve() leaves room below the stack for as far as RLIMIT_STACK lets it grow: the
 * mmap area of the new program starts below that (Linux's mmap_base()). A child raises
 * its stack limit to 1 GiB and runs this program again; there, a new mapping lies at
 * least 1 GiB below the stack. (qemu-user places mappings by its own rules and ignores
 * RLIMIT_STACK: not checked there.)
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define GIB (1UL << 30)

/* The program run again: is a new mapping 1 GiB or more below the stack? */
static int placed(void)
{
	volatile char here = 0;
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK((unsigned long)&here - (unsigned long)p >= GIB,
	      "a mapping only %lu MiB below the stack under a 1 GiB stack limit",
	      ((unsigned long)&here - (unsigned long)p) >> 20);
	return 0;
}

int main(int argc, char **argv)
{
	struct rlimit r;
	pid_t pid;
	int status;

	if (argc > 1 && !strcmp(argv[1], "placed"))
		return placed();
	if (under_qemu_user()) {
		note("qemu-user ignores RLIMIT_STACK when it places mappings: not checked");
		return 0;
	}
	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		char *args[] = { argv[0], "placed", NULL };

		CHECK_EQ(getrlimit(RLIMIT_STACK, &r), 0);
		r.rlim_cur = GIB;
		CHECK_EQ(setrlimit(RLIMIT_STACK, &r), 0);
		execve(rootpath(argv[0]), args, environ);
		_exit(99);
	}
	status = wait_child(pid, 0);
	CHECK(status == 0, "the program run again: %s", status_str(status));
	return 0;
}
