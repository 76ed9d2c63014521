/* EXPECT: exit 0 */
/*
 * Signals at the worst moment: while a child takes page faults as fast as it can
 * (fresh anonymous pages, copy-on-write after fork, read() into never-touched memory,
 * munmap), its parent sends it SIGUSR1 again and again. The handler itself touches fresh
 * memory, so faults nest inside signal delivery and delivery lands inside faults. The
 * child's results must still be exactly right, every grandchild must end, and runall's
 * leak check must find every frame back.
 */
#include <check.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE   4096UL
#define ROUNDS 40
#define PAGES  16

static volatile unsigned long handled;
static volatile unsigned char *scratch; /* the handler's own fresh memory */

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
	if (scratch)
		scratch[(handled % PAGES) * PAGE] = (unsigned char)handled; /* a fault in a handler */
}

/* One round of fault-heavy work; returns 0 if every byte came out right. */
static int round_of_faults(int r)
{
	unsigned char *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd, status, bad = 0;
	pid_t pid;

	if (p == MAP_FAILED)
		return 1;
	for (unsigned long i = 0; i < PAGES; i++)
		p[i * PAGE] = (unsigned char)(r + i); /* fresh pages */
	pid = fork();                                 /* copy-on-write */
	if (pid == 0) {
		for (unsigned long i = 0; i < PAGES; i++)
			p[i * PAGE] ^= 0xff;
		_exit(0);
	}
	if (pid < 0)
		return 2;
	fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	if (fd < 0 || read(fd, p + PAGE / 2, 3 * PAGE) != (long)(3 * PAGE)) /* uaccess faults */
		bad++;
	close(fd);
	if (wait4(pid, &status, 0, NULL) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		bad++;
	for (unsigned long i = 0; i < PAGES; i++) /* the child's writes stayed its own */
		if (i >= 4 && p[i * PAGE] != (unsigned char)(r + i))
			bad++;
	if (munmap(p, PAGES * PAGE))
		bad++;
	return bad;
}

static int victim(void *arg)
{
	int bad = 0;

	(void)arg;
	scratch = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED)
		return 3;
	for (int r = 0; r < ROUNDS; r++)
		bad += round_of_faults(r);
	return bad ? 4 : 0;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	int status, sent = 0;
	pid_t pid;

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0); /* before the fork: the child inherits it */
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(victim(NULL));
	while (wait4(pid, &status, WNOHANG, NULL) == 0) {
		kill(pid, SIGUSR1);
		sent++;
		sched_yield();
	}
	note("%d signals sent", sent);
	printf("faults under a storm of signals: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the victim: %s", status_str(status));
	CHECK(sent > 0, "no signal was sent");
	return 0;
}
