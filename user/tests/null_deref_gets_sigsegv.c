/* EXPECT: signal 11 */
/*
 * A store through a NULL pointer kills the program with SIGSEGV: page 0 is never mapped
 * (programs are linked well above it). This test passes by dying; runall checks that
 * it died of SIGSEGV and not otherwise.
 */
#include <stdio.h>

int main(void)
{
	volatile int *null = NULL;

	*null = 1;
	printf("# null_deref_gets_sigsegv: the store to NULL did not fault\n");
	return 0;
}
