/* EXPECT: exit 0 */
/*
 * The parent writes the instant fork() returns, with no pause for the child to run
 * first: fork has write-protected the parent's pages, and unless it also dropped the
 * parent's cached writable translations, those writes would land in the frames the
 * child shares, and the child would read the parent's new values. Each of 32 rounds
 * fills 32 pages (so the parent holds writable translations of them), forks, and the
 * parent overwrites every page at once; the child must read the old round's value in
 * every page, write its own, and exit; the parent then reads its own values back.
 *
 * A user test sees a missing flush only when the stale entry survives, which under QEMU
 * it often does not (a page-table switch drops it); the kernel's debug_tlb check, on
 * in the test boots, catches the rest (mm/tlbflush.h).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE      4096UL
#define NR_PAGES  32
#define NR_ROUNDS 32

static volatile unsigned char *area;

/* The child: every page still holds old; then it writes its own value. Exit 0 if so. */
static int child_checks(unsigned char old)
{
	for (unsigned long i = 0; i < NR_PAGES; i++) {
		if (area[i * PAGE] != old || area[i * PAGE + PAGE - 1] != old)
			return 1;
		area[i * PAGE] = 0xcc;
	}
	return 0;
}

int main(void)
{
	int bad_rounds = 0;

	area = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	for (int round = 0; round < NR_ROUNDS; round++) {
		unsigned char old = (unsigned char)(2 * round + 1), new = (unsigned char)(2 * round + 2);
		pid_t pid;
		int status;

		for (unsigned long i = 0; i < NR_PAGES; i++) {
			area[i * PAGE] = old;
			area[i * PAGE + PAGE - 1] = old;
		}
		pid = fork();
		CHECK(pid >= 0, "fork: %s", strerror(errno));
		if (pid == 0)
			_exit(child_checks(old));
		for (unsigned long i = 0; i < NR_PAGES; i++) {
			area[i * PAGE] = new;
			area[i * PAGE + PAGE - 1] = new;
		}
		status = wait_child(pid, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			note("round %d: the child %s", round, status_str(status));
			bad_rounds++;
		}
		for (unsigned long i = 0; i < NR_PAGES; i++)
			CHECK(area[i * PAGE] == new && area[i * PAGE + PAGE - 1] == new,
			      "round %d: the parent's page %lu holds %#x", round, i, area[i * PAGE]);
	}
	printf("%d rounds of fork then write at once: the child saw the old values in %d\n",
	       NR_ROUNDS, NR_ROUNDS - bad_rounds);
	CHECK_EQ(bad_rounds, 0);
	return 0;
}
