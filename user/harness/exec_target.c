/*
 * /tests/exec_target: the good program that the exec tests (and runall's warm-up) run.
 *
 *   exec_target CODE "two words"      with the environment exactly { "EXEC_TARGET=1" }
 *
 * Exits with CODE if its argv and envp arrived exactly like that, else prints what
 * differed and exits 99. So the caller learns from one exit status both that execve
 * worked and that the arguments crossed it intact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	return atoi(argv[1]);
}
