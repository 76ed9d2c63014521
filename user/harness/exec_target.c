/*
 * /tests/exec_target: the good program that the exec tests (and runall's warm-up) run.
 *
 *   exec_target CODE "two words"      with the environment exactly { "EXEC_TARGET=1" }
 *
 * Exits with CODE if its argv and envp arrived exactly like that and every PT_LOAD
 * segment of its own image is mapped (found through AT_PHDR), else prints what differed
 * and exits 99. So the caller learns from one exit status both that execve worked and
 * that the arguments and the segments crossed it intact.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

/*
 * Every PT_LOAD segment is readable at its first and last byte, and one with no file
 * bytes at all (p_filesz 0) reads as zeros if it is not writable: nothing in the
 * program writes it. 0 if so, else 99 with a message.
 */
static int check_segments(void)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM);

	if (!ph) {
		printf("# exec_target: no AT_PHDR\n");
		return 99;
	}
	for (unsigned long i = 0; i < phnum; i++) {
		const volatile unsigned char *seg = (const volatile unsigned char *)ph[i].p_vaddr;
		unsigned char any = 0;

		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		any = seg[0] | seg[ph[i].p_memsz - 1]; /* SIGSEGV here: the segment is unmapped */
		if (ph[i].p_filesz == 0 && !(ph[i].p_flags & PF_W)) {
			for (unsigned long b = 0; b < ph[i].p_memsz; b++)
				any |= seg[b];
			if (any) {
				printf("# exec_target: segment %lu (no file bytes) is not all zero\n", i);
				return 99;
			}
		}
	}
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	if (argc != 3) {
		printf("# exec_target: argc %d, expected 3\n", argc);
		return 99;
	}
	if (strcmp(argv[2], "two words")) {
		printf("# exec_target: argv[2] \"%s\", expected \"two words\"\n", argv[2]);
		return 99;
	}
	if (argv[3] != NULL) {
		printf("# exec_target: argv[3] is not NULL\n");
		return 99;
	}
	if (!envp[0] || strcmp(envp[0], "EXEC_TARGET=1") || envp[1]) {
		printf("# exec_target: envp is not exactly { \"EXEC_TARGET=1\" }\n");
		return 99;
	}
	if (check_segments())
		return 99;
	return atoi(argv[1]);
}
