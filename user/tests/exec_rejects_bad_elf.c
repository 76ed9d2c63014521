/* EXPECT: exit 0 */
/* DIFFERS: Linux runs some of these files (class32, misaligned_segment, segment_past_eof: SIGBUS past the end of the file) or kills the caller with SIGSEGV after the point of no return (filesz_over_memsz, kernel_half_vaddr); Faultline must refuse every one with ENOEXEC. */
/*
 * The ELF loader refuses malformed programs before it touches the caller: execve() of
 * each file in /data/badelf/ (made by user/data/mkdata.py from /tests/exec_target, one
 * defect each) returns -1 with errno ENOEXEC, and the caller carries on. Each exec runs
 * in a child, so that on Linux, which handles some of them differently, the test can
 * still see what happened; on Faultline the child must get ENOEXEC.
 */
#include <check.h>
#include <stdlib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* What Linux may do instead of failing with ENOEXEC (Faultline: nothing else). */
enum linux_outcome {
	ENOEXEC_ONLY, /* Linux refuses it with ENOEXEC too */
	RUNS,         /* Linux runs it: exec_target exits with RAN_CODE */
	SEGV,         /* Linux kills the process with SIGSEGV inside execve */
	EIO_TOO,      /* Linux may fail with EIO (a short read of the headers) */
	BUS,          /* Linux runs it, and exec_target's read of its segments gets SIGBUS */
};

#define RAN_CODE 77 /* exec_target's exit code when a bad file runs after all */

static const struct {
	const char *name;
	enum linux_outcome on_linux;
} cases[] = {
	{ "bad_magic", ENOEXEC_ONLY },        /* e_ident is not \177ELF */
	{ "wrong_machine", ENOEXEC_ONLY },    /* e_machine is EM_IA_64 */
	{ "class32", RUNS },                  /* ELFCLASS32 */
	{ "not_executable", ENOEXEC_ONLY },   /* e_type ET_REL */
	{ "truncated_header", ENOEXEC_ONLY }, /* 40 bytes: ends inside the header */
	{ "phdrs_past_eof", EIO_TOO },        /* the program headers run past the end */
	{ "filesz_over_memsz", SEGV },        /* a PT_LOAD with p_filesz > p_memsz */
	{ "kernel_half_vaddr", SEGV },        /* a PT_LOAD at 0xffff800000000000 */
	{ "segment_past_eof", BUS },          /* p_offset + p_filesz past the end */
	{ "misaligned_segment", RUNS },       /* p_vaddr and p_offset differ mod 4096 */
	{ "phnum_over_max", ENOEXEC_ONLY },   /* 1171 program headers: over 64 KiB */
	{ "interp_unterminated", ENOEXEC_ONLY }, /* PT_INTERP path without its NUL */
};

static char *const bad_envp[] = { "EXEC_TARGET=1", NULL };

/* In a child: exec the bad file; exit 0 on ENOEXEC, 100 + errno on another error. */
static int exec_bad(void *name)
{
	char path[128];
	char *argv[] = { name, "77", "two words", NULL };

	snprintf(path, sizeof(path), "/data/badelf/%s", (const char *)name);
	execve(rootpath(path), argv, bad_envp);
	return errno == ENOEXEC ? 0 : 100 + errno;
}

static bool linux_allows(enum linux_outcome how, int status)
{
	switch (how) {
	case RUNS:
		return WIFEXITED(status) && WEXITSTATUS(status) == RAN_CODE;
	case SEGV:
		return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
	case BUS:
		return WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS;
	case EIO_TOO:
		return WIFEXITED(status) && WEXITSTATUS(status) == 100 + EIO;
	default:
		return false;
	}
}

int main(void)
{
	char *argv[] = { "bad_magic", "77", "two words", NULL };
	const char *first_bad = NULL;
	int first_status = 0;

	/* Every case is tried, so one run shows all the loader's gaps; each is noted. */
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int status = run_in_child(exec_bad, (void *)cases[i].name);

		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		if (!on_faultline() && linux_allows(cases[i].on_linux, status)) {
			note("%s: Linux gives %s", cases[i].name, status_str(status));
			continue;
		}
		note("%s: %s, not ENOEXEC", cases[i].name, status_str(status));
		if (!first_bad) {
			first_bad = cases[i].name;
			first_status = status;
		}
	}
	CHECK(!first_bad, "execve of /data/badelf/%s: %s, expected it to fail with ENOEXEC "
	      "(exit 100+n: errno n; exit %d: it ran)", first_bad, status_str(first_status),
	      RAN_CODE);

	/* And once in this very process: the failed execve returns, and we go on. */
	errno = 0;
	CHECK(execve(rootpath("/data/badelf/bad_magic"), argv, bad_envp) == -1 && errno == ENOEXEC,
	      "execve of bad_magic in the test itself: errno %d", errno);
	CHECK(!strcmp(program_invocation_name, "/tests/exec_rejects_bad_elf"),
	      "after the failed exec argv[0] is \"%s\"", program_invocation_name);
	return 0;
}
