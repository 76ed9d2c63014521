/*
 * Process start-up: crt0.S jumps here with the stack pointer the kernel left, which
 * points at argc, then argv[], NULL, envp[], NULL, then the auxv (key, value) pairs up
 * to AT_NULL (the layout Linux's create_elf_tables() builds).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

char **environ;
char *program_invocation_name;
unsigned long *__auxv;

int main(int argc, char **argv, char **envp);

// Find argv, envp and auxv from the initial stack at sp, run main, and exit with
// what it returns. Called once, by _start.
__noreturn void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1; /* past argv's NULL */
	char **p = envp;

	while (*p)
		p++;
	__auxv = (unsigned long *)(p + 1); /* past envp's NULL */
	environ = envp;
	program_invocation_name = argc > 0 ? argv[0] : "";
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long key)
{
	for (unsigned long *a = __auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == key)
			return a[1];
	errno = ENOENT;
	return 0;
}
