/* EXPECT: exit 0 */
/*
 * The ELF loader runs legal programs that are laid out unusually, as Linux does. Each file
 * in /data/goodelf/ (made by user/data/mkdata.py from /tests/exec_target) must run and
 * exit with the code it is given; exec_target reads the first and last byte of each of
 * its PT_LOAD segments, and checks that a read-only one with no file bytes is zero:
 *   bss_only_rw_mid_page, bss_only_ro_mid_page: an extra PT_LOAD with p_filesz 0 that
 *     starts and ends inside one page (a lone .bss), writable or not;
 *   phnum_max: 1170 program headers (Linux reads up to 64 KiB of them);
 *   phoff_unaligned: the program header table at an offset that is not 8-byte aligned.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define RAN_CODE 77

static const char *const cases[] = {
	"bss_only_rw_mid_page", "bss_only_ro_mid_page", "phnum_max", "phoff_unaligned",
};

/* In a child: exec the file; 100 + errno if that fails. */
static int exec_case(void *name)
{
	static char path[256];
	char *argv[] = { name, "77", "two words", NULL };
	char *envp[] = { "EXEC_TARGET=1", NULL };

	snprintf(path, sizeof(path), "%s", rootpath("/data/goodelf/"));
	strlcpy(path + strlen(path), name, sizeof(path) - strlen(path));
	execve(path, argv, envp);
	if (errno == ENOEXEC && under_qemu_user()) {
		static char qemu[64];
		struct utsname u;

		uname(&u);
		snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
		char *qargv[] = { qemu, "-0", name, path, "77", "two words", NULL };

		execve(qemu, qargv, envp);
	}
	return 100 + errno;
}

int main(void)
{
	const char *first_bad = NULL;
	int first_status = 0;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int status = run_in_child(exec_case, (void *)cases[i]);

		if (WIFEXITED(status) && WEXITSTATUS(status) == RAN_CODE)
			continue;
		note("%s: %s", cases[i], status_str(status));
		if (!first_bad) {
			first_bad = cases[i];
			first_status = status;
		}
	}
	CHECK(!first_bad, "/data/goodelf/%s: %s, expected exit %d (99: exec_target found "
	      "something wrong; 100+n: execve failed with errno n)", first_bad,
	      status_str(first_status), RAN_CODE);
	return 0;
}
