/*
 * /tests/spin: a program that never ends by itself, for trying job control at the
 * shell (Ctrl-C ends it, Ctrl-Z stops it, fg and bg continue it) and for the runner's
 * test of that (run_shell_job_control_test in tools/runtests.py). It says
 * "spin: running" once, then counts in a busy loop.
 */
#include <stdio.h>

int main(void)
{
	volatile unsigned long count = 0;

	printf("spin: running\n");
	for (;;)
		count++;
}
