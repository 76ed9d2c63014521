/* The in-kernel test runner (see ktest.h). */
#include <kernel/printk.h>
#include <kernel/test/ktest.h>
#include <lib/printf.h>
#include <lib/string.h>

extern const struct ktest __ktests_start[], __ktests_end[];

static int current_failures;   /* failed expectations in the running test */
static char first_failure[160]; /* the first one, for the "# why" part of "not ok" */

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("# %s:%d: %s\n", file, line, msg);
	if (current_failures++ == 0)
		snprintf(first_failure, sizeof(first_failure), "%s:%d: %s", file, line, msg);
}

/*
 * Whether filter selects test t: "all" selects every test; otherwise filter is a
 * comma-separated list of prefixes ("ktest=pgtable,uaccess_copy"), and a test whose name
 * starts with any of them is selected.
 */
static bool selected(const struct ktest *t, const char *filter)
{
	if (strcmp(filter, "all") == 0)
		return true;
	for (const char *p = filter; *p; ) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len && strncmp(t->name, p, len) == 0)
			return true;
		if (!comma)
			break;
		p = comma + 1;
	}
	return false;
}

int ktest_run(const char *filter)
{
	int planned = 0, n = 0, failed = 0;

	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
		planned += selected(t, filter);
	printk("1..%d\n", planned);
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		if (!selected(t, filter))
			continue;
		current_failures = 0;
		t->fn();
		n++;
		if (current_failures) {
			failed++;
			printk("not ok %d %s # %s\n", n, t->name, first_failure);
		} else {
			printk("ok %d %s\n", n, t->name);
		}
	}
	printk("ktest: %d passed, %d failed\n", n - failed, failed);
	return failed;
}
