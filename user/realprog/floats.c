/* Floating point through the libc: printf's %g/%e/%f, strtod, and libm. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	volatile double third = 1.0 / 3.0;
	double sum = 0;

	printf("%g %g %g %g\n", third, 1e300 * 10, -0.0, 6.02214076e23);
	printf("%.17g %e %f\n", third, 123456.789, 2.5);
	for (int i = 1; i <= 1000; i++)
		sum += 1.0 / ((double)i * i);
	printf("sum 1/n^2 = %.12f, pi^2/6 = %.12f\n", sum, M_PI * M_PI / 6);
	printf("sqrt(2) = %.15g, exp(1) = %.15g, sin(1) = %.15g\n", sqrt(2.0), exp(1.0), sin(1.0));
	printf("strtod(\"2.5e-3\") = %g, atof(\"-17.25\") = %g\n", strtod("2.5e-3", NULL), atof("-17.25"));
	printf("%5.2f|%-8.3g|%+.0e\n", 3.14159, 0.000123456, 98765.0);
	return 0;
}
