/* EXPECT: exit 0 */
/*
 * "/tests/vmmap demo" (docs/vmmap.md) draws a 16-page anonymous mapping after each step,
 * one character a page, from /proc/self/pagemap: untouched, all '.'; after reading pages
 * 0-3 and writing 8-11, those read are 'z' (the zero page) or, on a kernel that gives
 * reads a page of their own, 'A', the written ones 'A' and the rest '.'; in the child
 * after fork the written pages are 'c' (shared copy-on-write); once the child writes
 * pages 8 and 9 those are 'A' and 10-11 still 'c'; in the parent after the child has
 * gone, 8-11 are 'A' again. (Under qemu-user pagemap is the emulator's: skipped.)
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char out[16384];

/* The n-th picture row (the line after the n-th maps line), 16 characters, or NULL. */
static const char *row(int n)
{
	const char *p = out;

	for (int seen = 0; (p = strstr(p, "\n    ")) != NULL; p++)
		if (seen++ == n)
			return p + 5;
	return NULL;
}

/* Picture n shows page i as one of the characters allowed(i) returns. */
static void expect(int n, const char *(*allowed)(int page))
{
	const char *r = row(n);

	CHECK(r, "no picture %d in:\n%s", n, out);
	for (int i = 0; i < 16; i++)
		CHECK(r[i] && strchr(allowed(i), r[i]), "picture %d, page %d: '%c', expected one of \"%s\":\n%s",
		      n, i, r[i], allowed(i), out);
}

/* Pages 0-3 were only read: the zero page, or a page of their own on a kernel without
 * one (and then shared after fork). */
static const char *untouched(int i)
{
	(void)i;
	return ".";
}

static const char *touched(int i)
{
	return i < 4 ? "zA" : i >= 8 && i < 12 ? "A" : ".";
}

static const char *forked(int i)
{
	return i < 4 ? "zc" : i >= 8 && i < 12 ? "c" : ".";
}

static const char *child_wrote(int i)
{
	return i < 4 ? "zc" : i == 8 || i == 9 ? "A" : i >= 10 && i < 12 ? "c" : ".";
}

int main(void)
{
	int fds[2], status;
	long len = 0, n;
	pid_t pid;

	if (under_qemu_user()) {
		printf("vmmap demo: demand paging, then fork's sharing and the child's copies\n");
		return 0;
	}
	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		char *argv[] = { "vmmap", "demo", NULL }, *envp[] = { NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		execve(rootpath("/tests/vmmap"), argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, sizeof(out) - 1 - (size_t)len)) > 0)
		len += n;
	out[len] = '\0';
	status = wait_child(pid, 0);
	CHECK(status == 0, "vmmap demo: %s", status_str(status));

	expect(0, untouched);
	expect(1, touched);
	expect(2, forked);
	expect(3, child_wrote);
	expect(4, touched);
	printf("vmmap demo: demand paging, then fork's sharing and the child's copies\n");
	return 0;
}
