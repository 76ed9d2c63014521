/* EXPECT: exit 0 */
/* DIFFERS: on Linux this would signal the real init of the machine running the check */
/*
 * init (pid 1) only receives signals it has a handler for, as on Linux: kill(1, SIGTERM),
 * kill(1, SIGKILL) and kill(1, SIGSTOP) succeed and do nothing, and the run goes on (if
 * it did not, init would be gone). Init is the test harness when booted with
 * init=/tests/runall, the shell when /tests/runall is started from it.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	if (!on_faultline()) {
		printf("init survives SIGTERM, SIGKILL and SIGSTOP: not tried here\n");
		return 0;
	}
	CHECK_EQ(kill(1, SIGTERM), 0);
	CHECK_EQ(kill(1, SIGKILL), 0);
	CHECK_EQ(kill(1, SIGSTOP), 0);
	CHECK_EQ(kill(1, 0), 0);
	printf("init survives SIGTERM, SIGKILL and SIGSTOP: not tried here\n");
	return 0;
}
