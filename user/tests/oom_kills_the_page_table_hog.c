/* EXPECT: exit 0 */
/* DIFFERS: on Linux the hog would fill the memory of the machine running the test with page tables, so nothing is done there: the test checks nothing outside Faultline. */
/*
 * The OOM killer counts page tables. A hog maps 200 GiB read-only and reads one byte
 * per 2 MiB: every read maps the shared zero page (none of its own) but needs a new
 * page table, so its own pages stay at almost none while its tables fill memory. A
 * bystander holds 2 MiB of its own pages (and stops), and the parent waits in wait4(). When a
 * fault finds no frame, the victim must be the hog (SIGKILL), not the bystander and
 * not the parent; then the bystander's bytes are intact and it exits normally.
 * runall's leak check proves every table of the hog came back.
 *
 * Only under Faultline (see DIFFERS): on Linux the test says so and exits 0.
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE       4096UL
#define TABLE_SPAN (2UL << 20)  /* what one last-level page table maps */
#define HOG_LEN    (200UL << 30)
#define OWN_LEN    (2UL << 20)  /* the bystander's own pages */

/* Touch one byte per page table's span of a huge read-only mapping; 3 if never killed. */
static int hog(void)
{
	volatile unsigned char *area = mmap(NULL, HOG_LEN, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
					    -1, 0);
	unsigned long sum = 0;

	if (area == MAP_FAILED)
		return 2;
	for (unsigned long off = 0; off < HOG_LEN; off += TABLE_SPAN)
		sum += area[off];
	return sum == 0 ? 3 : 4;
}

/* Own 2 MiB, stop until continued, check the bytes: exit 0 if intact. */
static int bystander(void)
{
	unsigned char *own = mmap(NULL, OWN_LEN, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (own == MAP_FAILED)
		return 2;
	for (unsigned long off = 0; off < OWN_LEN; off++)
		own[off] = (unsigned char)(off / PAGE);
	if (kill(getpid(), SIGSTOP))
		return 3;
	for (unsigned long off = 0; off < OWN_LEN; off++)
		if (own[off] != (unsigned char)(off / PAGE))
			return 4;
	return 0;
}

int main(void)
{
	long oom_before, oom_after;
	pid_t by, hog_pid;
	int status;

	if (!on_faultline()) {
		note("not Faultline: filling this machine with page tables is not a test; nothing done");
		return 0;
	}
	by = fork();
	CHECK(by >= 0, "fork: %s", strerror(errno));
	if (by == 0)
		_exit(bystander());
	status = wait_child(by, WUNTRACED);
	CHECK(WIFSTOPPED(status), "the bystander: %s", status_str(status));
	printf("the bystander owns 2 MiB and is stopped\n");

	oom_before = vmstat_counter("oom_kill");
	hog_pid = fork();
	CHECK(hog_pid >= 0, "fork: %s", strerror(errno));
	if (hog_pid == 0)
		_exit(hog());
	/* The parent waits in wait4() all through the hog's run. */
	CHECK_EQ(waitpid(hog_pid, &status, 0), hog_pid);
	oom_after = vmstat_counter("oom_kill");
	printf("the page-table hog: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "the hog: %s, expected the OOM killer's SIGKILL", status_str(status));
	note("oom_kill: %ld, then %ld", oom_before, oom_after);
	CHECK_EQ(oom_after - oom_before, 1);

	CHECK_EQ(kill(by, SIGCONT), 0);
	status = wait_child(by, 0);
	printf("the bystander: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the bystander: %s",
	      status_str(status));
	printf("the parent: still here\n");
	return 0;
}
