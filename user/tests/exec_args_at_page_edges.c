/* EXPECT: exit 0 */
/*
 * execve() reads each argument and environment string, and the pointer arrays, up to
 * exactly their last byte: what ends right at the edge of a readable page works, what
 * runs one byte into an unreadable page is EFAULT (and the old program goes on). The
 * page after the edge is PROT_NONE, unmapped, or PROT_WRITE-only (which reads, as write
 * implies read); each exec of /tests/exec_target runs in a child, which exits with
 * exec_target's code (42) or 120 + errno.
 *
 *   string_at_edge       "two words" with its NUL on a page's last byte    -> 42
 *   string_across_edge   "two words" whose NUL would be on the next page   -> EFAULT
 *   array_at_edge        argv's NULL on a page's last 8 bytes              -> 42
 *   array_across_edge    argv's NULL would be the next page's first word   -> EFAULT
 *   pointer_straddles    argv[1] itself half on each page                  -> EFAULT
 *   env_across_edge      "EXEC_TARGET=1" runs into the next page           -> EFAULT
 *   env_on_unmapped      envp[0] points into an unmapped page              -> EFAULT
 *   string_on_write_only "two words" on a PROT_WRITE page                  -> 42
 *
 * Under qemu-user without binfmt_misc (the riscv64 run on Linux) the host's execve()
 * ends with ENOEXEC where the arguments were fine, and qemu refuses a string on a
 * PROT_WRITE-only page with EFAULT: both noted there, and counted as 42.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define CODE "42"

static const char two[] = "two words", env0[] = "EXEC_TARGET=1";

/* Two pages: the first read-write, the second given prot (munmapped if prot < 0). */
static unsigned char *edge_pages(int prot)
{
	unsigned char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(p, 'x', 2 * PAGE);
	if (prot < 0)
		CHECK_EQ(munmap(p + PAGE, PAGE), 0);
	else
		CHECK_EQ(mprotect(p + PAGE, PAGE, prot), 0);
	return p;
}

static int exec_with(char **argv, char **envp)
{
	execve(rootpath("/tests/exec_target"), argv, envp);
	return 120 + errno;
}

static int string_at_edge(void *arg)
{
	unsigned char *p = edge_pages(PROT_NONE);
	char *s = (char *)p + PAGE - sizeof(two); /* the NUL is the page's last byte */
	char *argv[] = { "exec_target", CODE, s, NULL }, *envp[] = { (char *)env0, NULL };

	(void)arg;
	memcpy(s, two, sizeof(two));
	return exec_with(argv, envp);
}

static int string_across_edge(void *arg)
{
	unsigned char *p = edge_pages(PROT_NONE);
	char *s = (char *)p + PAGE - (sizeof(two) - 1); /* the NUL would be on the next page */
	char *argv[] = { "exec_target", CODE, s, NULL }, *envp[] = { (char *)env0, NULL };

	(void)arg;
	memcpy(s, two, sizeof(two) - 1);
	return exec_with(argv, envp);
}

static int array_at_edge(void *arg)
{
	unsigned char *p = edge_pages(-1);
	char **argv = (char **)(p + PAGE) - 4, *envp[] = { (char *)env0, NULL };

	(void)arg;
	argv[0] = "exec_target";
	argv[1] = CODE;
	argv[2] = (char *)two;
	argv[3] = NULL; /* the page's last 8 bytes */
	return exec_with(argv, envp);
}

static int array_across_edge(void *arg)
{
	unsigned char *p = edge_pages(PROT_NONE);
	char **argv = (char **)(p + PAGE) - 3, *envp[] = { (char *)env0, NULL };

	(void)arg;
	argv[0] = "exec_target";
	argv[1] = CODE;
	argv[2] = (char *)two; /* the NULL after it would be on the next page */
	return exec_with(argv, envp);
}

static int pointer_straddles(void *arg)
{
	unsigned char *p = edge_pages(PROT_NONE);
	char **argv = (char **)(p + PAGE - 12), *envp[] = { (char *)env0, NULL };
	char *first = "exec_target";

	(void)arg;
	memcpy(p + PAGE - 12, &first, sizeof(first)); /* argv[0]: whole, 4 bytes short of the edge */
	/* argv[1] is the next 8 bytes: 4 on this page, 4 on the PROT_NONE one */
	return exec_with(argv, envp);
}

static int env_across_edge(void *arg)
{
	unsigned char *p = edge_pages(PROT_NONE);
	char *s = (char *)p + PAGE - 5; /* "EXEC_" on this page, the rest would be beyond */
	char *argv[] = { "exec_target", CODE, (char *)two, NULL }, *envp[] = { s, NULL };

	(void)arg;
	memcpy(s, env0, 5);
	return exec_with(argv, envp);
}

static int env_on_unmapped(void *arg)
{
	unsigned char *p = edge_pages(-1);
	char *argv[] = { "exec_target", CODE, (char *)two, NULL };
	char *envp[] = { (char *)p + PAGE + 100, NULL };

	(void)arg;
	return exec_with(argv, envp);
}

static int string_on_write_only(void *arg)
{
	unsigned char *p = edge_pages(PROT_READ | PROT_WRITE);
	char *s = (char *)p + PAGE + 64;
	char *argv[] = { "exec_target", CODE, s, NULL }, *envp[] = { (char *)env0, NULL };

	(void)arg;
	memcpy(s, two, sizeof(two));
	CHECK_EQ(mprotect(p + PAGE, PAGE, PROT_WRITE), 0);
	return exec_with(argv, envp);
}

static const struct {
	const char *name;
	int (*fn)(void *);
	int want; /* the child's exit code */
} cases[] = {
	{ "string_at_edge", string_at_edge, 42 },
	{ "string_across_edge", string_across_edge, 120 + EFAULT },
	{ "array_at_edge", array_at_edge, 42 },
	{ "array_across_edge", array_across_edge, 120 + EFAULT },
	{ "pointer_straddles", pointer_straddles, 120 + EFAULT },
	{ "env_across_edge", env_across_edge, 120 + EFAULT },
	{ "env_on_unmapped", env_on_unmapped, 120 + EFAULT },
	{ "string_on_write_only", string_on_write_only, 42 },
};

int main(void)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status = run_in_child(cases[i].fn, NULL);

		/* qemu-user without binfmt_misc: the host's execve() fails with ENOEXEC, but
		 * only after it read every argument (Linux copies them before it looks for a
		 * loader), which is what this test is about. */
		if (under_qemu_user() && cases[i].want == 42 && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 120 + ENOEXEC) {
			note("qemu-user: %s: ENOEXEC after the arguments were read", cases[i].name);
			status = 42 << 8;
		}
		/* qemu-user reads a guest's PROT_WRITE-only page as unreadable. */
		if (under_qemu_user() && cases[i].fn == string_on_write_only && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 120 + EFAULT) {
			note("qemu-user: %s: EFAULT", cases[i].name);
			status = 42 << 8;
		}
		printf("%s: %s\n", cases[i].name, status_str(status));
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == cases[i].want,
		      "%s: %s, expected exit %d (120 + errno: execve failed)", cases[i].name,
		      status_str(status), cases[i].want);
	}
	return 0;
}
