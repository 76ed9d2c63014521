/* EXPECT: exit 0 */
/* Under qemu-user (not Linux) nanosleep with a bad pointer gives EINVAL; the test notes it. */
/* DIFFERS: Linux's getdents64 into a buffer across the end of user space returns the records that fit before it; Faultline refuses the whole range with EFAULT. */
/*
 * Every system call that takes a pointer refuses a bad one with EFAULT, and the program
 * (and the kernel) carries on. The bad pointers: NULL, a page that was just unmapped,
 * the kernel's image (0xffffffff80000000), a 16-byte range that wraps around the top of
 * the address space ((void *)-8), and one that straddles the end of user space
 * (USER_TOP - 8: the first 8 bytes are mapped, the rest is not user memory). Calls go
 * through the raw syscall6(), so the pointer reaches the kernel untouched. NULL is a
 * bad pointer everywhere except where Linux gives it a meaning: wait4's status (none
 * wanted) and execve's argv and envp (empty lists).
 */
#include <check.h>
#include <fcntl.h>
#include <memlayout.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL

struct bad_pointer {
	const char *what;
	unsigned long addr;
};

static struct bad_pointer bad[5];
static int nr_bad;
static bool have_top_page; /* the last page below USER_TOP is mapped */
static bool top_page_ours;  /* ... and we mapped it */

/* Fail unless the raw call returned -EFAULT. */
#define EXPECT_EFAULT(call, b, r) \
	CHECK((r) == -EFAULT, "%s with %s pointer %#lx returned %ld, expected -EFAULT (-14)", \
	      call, (b)->what, (b)->addr, (long)(r))

static int touch_top(void *arg)
{
	(void)arg;
	return *(volatile char *)(USER_TOP - 1) == 0x5a; /* survives if mapped */
}

/* Make the last page below USER_TOP ours (or find it mapped already: a stack up there). */
static void map_top_page(void)
{
	char *want = (char *)(USER_TOP - PAGE);
	char *p = mmap(want, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == want) {
		have_top_page = top_page_ours = true;
		return;
	}
	if (p != MAP_FAILED)
		munmap(p, PAGE); /* the flag was taken as a hint: somewhere else */
	if (WIFEXITED(run_in_child(touch_top, NULL))) {
		have_top_page = true; /* already mapped */
		return;
	}
	CHECK(!on_faultline(), "cannot map the last user page %p (errno %d): the straddle "
	      "case needs it", (void *)want, errno);
	note("cannot map the last user page %p here: no straddle case", (void *)want);
}

static void setup_bad_pointers(void)
{
	void *gone = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(gone != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(munmap(gone, PAGE), 0);
	bad[nr_bad++] = (struct bad_pointer){ "NULL", 0 };
	bad[nr_bad++] = (struct bad_pointer){ "unmapped", (unsigned long)gone };
	bad[nr_bad++] = (struct bad_pointer){ "kernel-half", KERNEL_IMAGE };
	bad[nr_bad++] = (struct bad_pointer){ "wrapping", -8UL };
	map_top_page();
	if (have_top_page)
		bad[nr_bad++] = (struct bad_pointer){ "straddling", USER_TOP - 8 };
}

/* Lay a string with no NUL (or an array with no NULL) across USER_TOP: 8 bytes of it
 * are in the last page, the rest would be beyond. Returns what was there before. */
static unsigned long fill_top(unsigned long value)
{
	unsigned long *last = (unsigned long *)(USER_TOP - 8);
	unsigned long old;

	if (!have_top_page)
		return 0;
	old = *last;
	*last = value;
	return old;
}

static void restore_top(unsigned long old)
{
	if (have_top_page)
		*(unsigned long *)(USER_TOP - 8) = old;
}

static void check_read_write(int fd)
{
	for (int i = 0; i < nr_bad; i++) {
		EXPECT_EFAULT("read", &bad[i], syscall6(__NR_read, fd, bad[i].addr, 16, 0, 0, 0));
		EXPECT_EFAULT("write", &bad[i],
			      syscall6(__NR_write, STDOUT_FILENO, bad[i].addr, 16, 0, 0, 0));
	}
	/* Nothing was read: the offset did not move. */
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
}

static void check_openat(void)
{
	for (int i = 0; i < nr_bad; i++) {
		unsigned long old = fill_top(0x6161616161616161UL); /* "aaaaaaaa" */
		long r = syscall6(__NR_openat, AT_FDCWD, bad[i].addr, O_RDONLY, 0, 0, 0);

		restore_top(old);
		EXPECT_EFAULT("openat path", &bad[i], r);
	}
}

static void check_out_structs(int fd)
{
	for (int i = 0; i < nr_bad; i++) {
		long a = (long)bad[i].addr;

		EXPECT_EFAULT("fstat", &bad[i], syscall6(__NR_fstat, fd, a, 0, 0, 0, 0));
		EXPECT_EFAULT("clock_gettime", &bad[i],
			      syscall6(__NR_clock_gettime, CLOCK_MONOTONIC, a, 0, 0, 0, 0));
		long r = syscall6(__NR_nanosleep, a, 0, 0, 0, 0, 0);

		if (r == -EINVAL && under_qemu_user())
			note("qemu-user: nanosleep(%s) gives EINVAL, not EFAULT", bad[i].what);
		else
			EXPECT_EFAULT("nanosleep", &bad[i], r);
		EXPECT_EFAULT("uname", &bad[i], syscall6(__NR_uname, a, 0, 0, 0, 0, 0));
	}
}

static void check_getdents(void)
{
	int dir = open(rootpath("/data"), O_RDONLY | O_DIRECTORY);

	CHECK(dir >= 0, "open /data: %s", strerror(errno));
	for (int i = 0; i < nr_bad; i++) {
		/* 64 bytes: room for a record or two, so only the pointer is wrong. */
		unsigned long addr = bad[i].addr == USER_TOP - 8 ? USER_TOP - 32 : bad[i].addr;

		long r = syscall6(__NR_getdents64, dir, (long)addr, 64, 0, 0, 0);

		if (!on_faultline() && addr == USER_TOP - 32 && r > 0 && r <= 32) {
			note("getdents64 across USER_TOP: Linux returns the %ld bytes that fit", r);
			continue;
		}
		EXPECT_EFAULT("getdents64", &bad[i], r);
	}
	close(dir);
}

static int exit_at_once(void *arg)
{
	(void)arg;
	return 3;
}

static void check_wait4(void)
{
	for (int i = 0; i < nr_bad; i++) {
		pid_t pid = fork();
		int status;
		long r;

		CHECK(pid >= 0, "fork: %s", strerror(errno));
		if (pid == 0)
			_exit(exit_at_once(NULL));
		/* The status is 4 bytes: to straddle the end it must start 2 bytes before. */
		unsigned long addr = bad[i].addr == USER_TOP - 8 ? USER_TOP - 2 : bad[i].addr;

		r = syscall6(__NR_wait4, pid, (long)addr, 0, 0, 0, 0);
		if (bad[i].addr == 0) {
			/* NULL is no error for wait4: it means "no status wanted". */
			CHECK(r == pid, "wait4 with a NULL status returned %ld, expected %d", r, pid);
			continue;
		}
		EXPECT_EFAULT("wait4 status", &bad[i], r);
		/* The child is gone (Linux reaps it anyway) or still there to be reaped. */
		r = wait4(pid, &status, 0, NULL);
		CHECK((r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3) ||
		      (r == -1 && errno == ECHILD),
		      "after the EFAULT, wait4(%d) returned %ld (%s)", pid, r, status_str(status));
	}
}

struct exec_args {
	long path, argv, envp;
};

/* In a child: the execve must fail; exit 0 on EFAULT, else 100 + errno (or it ran). */
static int try_exec(void *arg)
{
	const struct exec_args *e = arg;
	long r = syscall6(__NR_execve, e->path, e->argv, e->envp, 0, 0, 0);

	return r == -EFAULT ? 0 : 100 + (int)-r;
}

static void check_execve(void)
{
	static char path[128];
	static char *argv[] = { "exec_target", "0", "two words", NULL };
	static char *envp[] = { "EXEC_TARGET=1", NULL };

	strlcpy(path, rootpath("/tests/exec_target"), sizeof(path));
	for (int i = 0; i < nr_bad; i++) {
		long a = (long)bad[i].addr;
		char *argv_bad_string[] = { "exec_target", (char *)a, "two words", NULL };
		struct exec_args cases[] = {
			{ a, (long)argv, (long)envp },
			{ (long)path, a, (long)envp },
			{ (long)path, (long)argv, a },
			{ (long)path, (long)argv_bad_string, (long)envp },
		};
		static const char *const which[] = { "path", "argv", "envp", "argv[1]" };

		for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
			unsigned long old;
			int status;

			if (a == 0 && c != 0)
				continue; /* NULL argv or envp is an empty list (as on Linux), a NULL in argv ends it */
			/* Across the top: a string with no NUL, or an array with no NULL. */
			old = fill_top(c == 0 || c == 3 ? 0x6161616161616161UL : (unsigned long)argv[0]);
			status = run_in_child(try_exec, &cases[c]);
			restore_top(old);
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			      "execve with a %s %s pointer: %s, expected EFAULT (exit 100+n: errno n)",
			      bad[i].what, which[c], status_str(status));
		}
	}
}

int main(void)
{
	struct timespec ts;
	int fd;

	setup_bad_pointers();
	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));

	check_read_write(fd);
	check_openat();
	check_out_structs(fd);
	check_getdents();
	check_wait4();
	check_execve();

	/* Still alive, and the kernel still answers good calls. */
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	CHECK_EQ(close(fd), 0);
	if (top_page_ours)
		CHECK_EQ(munmap((void *)(USER_TOP - PAGE), PAGE), 0);
	return 0;
}
