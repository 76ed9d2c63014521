/* main() of every host test binary: runs the registered tests in source order. */
#include <stdarg.h>
#include <stdlib.h>
#include "htest.h"

static struct htest *head, **tail = &head;
static int failures;
static char first[256];

void htest_register(struct htest *t)
{
	*tail = t;
	tail = &t->next;
}

void htest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("# %s:%d: %s\n", file, line, msg);
	if (failures++ == 0)
		snprintf(first, sizeof(first), "%s:%d: %s", file, line, msg);
}

int main(void)
{
	int n = 0, failed = 0;

	for (struct htest *t = head; t; t = t->next)
		n++;
	printf("1..%d\n", n);
	n = 0;
	for (struct htest *t = head; t; t = t->next) {
		failures = 0;
		t->fn();
		fflush(stdout);
		n++;
		if (failures) {
			failed++;
			printf("not ok %d %s # %s\n", n, t->name, first);
		} else {
			printf("ok %d %s\n", n, t->name);
		}
	}
	return failed ? 1 : 0;
}
