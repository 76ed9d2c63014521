/* EXPECT: exit 0 */
/*
 * A program with a PT_INTERP program header asks for a program interpreter (a dynamic
 * loader). Linux opens it, so a path that leads nowhere fails execve() with ENOENT
 * (/data/interp/interp_missing names /no_such_dir/ld.so), and a path without its NUL
 * is ENOEXEC (checked among the bad files of exec_rejects_bad_elf). Faultline has no
 * dynamic loader support: an interpreter that exists (/data/interp/interp_exec_target
 * names /tests/exec_target) is refused with ENOEXEC rather than ignored; on Linux that
 * path does not exist outside the test tree, so there the case is only noted.
 */
#include <check.h>
#include <errno.h>
#include <unistd.h>

static long exec_err(const char *path)
{
	char *argv[] = { "interp", "77", "two words", NULL };
	char *envp[] = { "EXEC_TARGET=1", NULL };

	errno = 0;
	execve(rootpath(path), argv, envp);
	return errno;
}

int main(void)
{
	long err = exec_err("/data/interp/interp_missing");

	if (err == ENOEXEC && under_qemu_user())
		note("qemu-user without binfmt_misc: ENOEXEC before the interpreter is looked at");
	else
		CHECK_EQ(err, ENOENT);
	err = exec_err("/data/interp/interp_exec_target");
	if (on_faultline())
		CHECK_EQ(err, ENOEXEC);
	else
		note("interp_exec_target on Linux: errno %ld", err);
	return 0;
}
