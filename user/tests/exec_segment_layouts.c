/* EXPECT: exit 0 */
/*
 * Every PT_LOAD layout that Linux's loader accepts loads, with Linux's outcome. Each file
 * in /data/elflayout/ (made by user/data/mkelflayouts.py, which says what each case lays
 * out and why the expected outcome is Linux's) is /tests/elf_layout_target with extra
 * segments: file-less segments starting mid-page, alone or in a page another segment
 * maps, a .bss crossing pages with both ends unaligned (the rest of the last file page
 * zeroed, as Linux's padzero() does), a read-only segment with a .bss, a page shared by
 * segments with different permissions (the later segment's win), a file page over an
 * earlier .bss. Each must exec and exit 77: elf_layout_target checks its own segments'
 * bytes (file bytes or zeros) and permissions against a table the generator wrote.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define LAYOUT_OK 77

static const struct {
	const char *name;
	const char *qemu_user_differs; /* why qemu-user's own loader (riscv64 difftest) fails it */
} cases[] = {
	{ "bss_only_mid_page", NULL },
	{ "bss_only_read_only_flags", "qemu-user 7.2 maps the zero pages read-only" },
	{ "bss_only_shares_page", NULL },
	{ "data_bss_tail_crosses_pages", NULL },
	{ "data_shares_page_with_read_only", NULL },
	{ "read_only_bss_tail", "qemu-user 7.2 crashes zeroing the read-only file page" },
	{ "file_page_over_earlier_bss", NULL },
};

/* In a child: exec the case; 100 + errno if that fails. */
static int exec_case(void *name)
{
	static char path[256];
	char *argv[] = { name, NULL };
	char *envp[] = { NULL };

	snprintf(path, sizeof(path), "%s", rootpath("/data/elflayout/"));
	strlcpy(path + strlen(path), name, sizeof(path) - strlen(path));
	execve(path, argv, envp);
	if (errno == ENOEXEC && under_qemu_user()) {
		static char qemu[64];
		struct utsname u;

		uname(&u);
		snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
		char *qargv[] = { qemu, "-0", name, path, NULL };

		execve(qemu, qargv, envp);
	}
	return 100 + errno;
}

int main(void)
{
	const char *first_bad = NULL;
	int first_status = 0;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int status;

		if (cases[i].qemu_user_differs && under_qemu_user()) {
			note("%s: not run: %s", cases[i].name, cases[i].qemu_user_differs);
			continue;
		}
		status = run_in_child(exec_case, (void *)cases[i].name);
		if (WIFEXITED(status) && WEXITSTATUS(status) == LAYOUT_OK)
			continue;
		note("%s: %s", cases[i].name, status_str(status));
		if (!first_bad) {
			first_bad = cases[i].name;
			first_status = status;
		}
	}
	CHECK(!first_bad, "/data/elflayout/%s: %s, expected exit %d (99: a check of its "
	      "segments failed; 100+n: execve failed with errno n)", first_bad,
	      status_str(first_status), LAYOUT_OK);
	return 0;
}
