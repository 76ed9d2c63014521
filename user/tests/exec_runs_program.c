/* EXPECT: exit 0 */
/* Under qemu-user on a host without binfmt_misc, execve of a riscv64 program fails with ENOEXEC; the test then runs it through /usr/bin/qemu-riscv64 instead. */
/*
 * execve() of a good program replaces the child with it: /tests/exec_target checks that
 * its argv and envp arrived intact and exits with the code it was given, which the
 * parent reads back through wait4. execve of a missing path fails with ENOENT and the
 * caller carries on.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static char *const target_envp[] = { "EXEC_TARGET=1", NULL };

/* In a child: exec exec_target so that it exits with code; 120 + errno if exec fails. */
static int exec_target(void *code)
{
	const char *path = rootpath("/tests/exec_target");
	char *argv[] = { "exec_target", code, "two words", NULL };

	execve(path, argv, target_envp);
	if (errno == ENOEXEC && !on_faultline()) {
		static char qemu[96];
		struct utsname u;

		uname(&u);
		snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
		char *qargv[] = { qemu, "-0", "exec_target", (char *)path, code, "two words", NULL };

		note("no binfmt_misc for this arch: running exec_target through %s", qemu);
		execve(qemu, qargv, target_envp);
	}
	return 120 + errno;
}

int main(void)
{
	static const char *const codes[] = { "0", "37", "255" };
	char *argv[] = { "nothing", NULL };

	for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
		int status = run_in_child(exec_target, (void *)codes[i]);

		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == atoi(codes[i]),
		      "exec_target %s: %s (99: it found its argv/envp wrong; 120+errno: execve failed)",
		      codes[i], status_str(status));
	}

	/* Failing execs return to us, and we are still ourselves. */
	errno = 0;
	CHECK(execve(rootpath("/tests/no_such_program"), argv, target_envp) == -1 && errno == ENOENT,
	      "execve of a missing file: errno %d, expected ENOENT", errno);
	errno = 0;
	CHECK(execve(rootpath("/no_such_dir/prog"), argv, target_envp) == -1 && errno == ENOENT,
	      "execve in a missing directory: errno %d, expected ENOENT", errno);
	CHECK(!strcmp(program_invocation_name, "/tests/exec_runs_program"),
	      "after failed execs argv[0] is \"%s\"", program_invocation_name);
	return 0;
}
