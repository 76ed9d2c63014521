/* EXPECT: exit 0 */
/*
 * /proc seen by a process of four threads, as Linux shows it: /proc/self names the
 * process (its tgid) from every thread; the listing of /proc has the process but not
 * its other threads, whose directories are still found by tid; /proc/<tid>/status says
 * "Pid:" the tid, "Tgid:" the process, "PPid:" the process's parent and "Threads:" 4,
 * and the 20th field of stat is 4 too; a process-directed signal that every thread
 * blocks is in ShdPnd, a thread-directed one in that thread's SigPnd only. After the
 * threads are joined, Threads is 1 again and the tids' directories are gone.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <thread.h>
#include <unistd.h>

#define NR_THREADS 3

static struct thread threads[NR_THREADS];
static volatile int go;        /* set to 1 when the threads may end */
static volatile int ready;     /* threads that have read their /proc/self */
static char self_seen[NR_THREADS][32];
static char text[4096];

static int blocker(void *arg)
{
	long i = (long)arg;
	long n = readlink("/proc/self", self_seen[i], sizeof(self_seen[i]) - 1);

	if (n > 0)
		self_seen[i][n] = '\0';
	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	while (!go)
		futex(&go, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	return 0;
}

static void read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long n, at = 0;

	CHECK(fd >= 0, "open %s: %s", path, strerror(errno));
	while ((n = read(fd, text + at, sizeof(text) - 1 - (size_t)at)) > 0)
		at += n;
	CHECK(n == 0, "read %s: %s", path, strerror(errno));
	text[at] = '\0';
	CHECK_EQ(close(fd), 0);
}

/* The value after "name:\t" in text, as a number in base; fails if there is none. */
static long field(const char *name, int base)
{
	char want[32];
	size_t len = (size_t)snprintf(want, sizeof(want), "%s:\t", name);

	for (const char *at = text; at; at = strchr(at, '\n') ? strchr(at, '\n') + 1 : NULL)
		if (!strncmp(at, want, len))
			return strtol(at + len, NULL, base);
	check_failed(__FILE__, __LINE__, "no %s line in:\n%s", name, text);
}

/* Field n (from 1) of a stat line, after the ")" that ends the name. */
static long stat_field(int n)
{
	const char *at = strrchr(text, ')');

	CHECK(at, "no ')' in stat: %s", text);
	at += 2; /* field 3 starts here */
	for (int i = 3; i < n; i++) {
		at = strchr(at, ' ');
		CHECK(at, "stat has fewer than %d fields: %s", n, text);
		at++;
	}
	return strtol(at, NULL, 10);
}

/* Whether /proc's listing has a directory named by pid. */
static bool listed(long pid)
{
	static char buf[4096] __aligned(8);
	char name[16];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY);
	bool found = false;
	long n;

	CHECK(fd >= 0, "open /proc: %s", strerror(errno));
	snprintf(name, sizeof(name), "%ld", pid);
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen)
			if (!strcmp(((struct linux_dirent64 *)(buf + off))->d_name, name))
				found = true;
	CHECK_EQ(n, 0);
	CHECK_EQ(close(fd), 0);
	return found;
}

int main(void)
{
	sigset_t set;
	char path[64], self[32];
	int tids[NR_THREADS], tries;
	struct stat st;
	long pid = getpid(), n;

	/* Every thread blocks SIGUSR1 and SIGUSR2 (a new thread inherits the mask). */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	for (long i = 0; i < NR_THREADS; i++)
		CHECK(thread_create(&threads[i], blocker, (void *)i, NULL) > 0, "thread %ld", i);
	while (ready < NR_THREADS)
		sched_yield();

	/* /proc/self is the process, from any thread. */
	n = readlink("/proc/self", self, sizeof(self) - 1);
	CHECK(n > 0, "readlink /proc/self: %s", strerror(errno));
	self[n] = '\0';
	CHECK_EQ(strtol(self, NULL, 10), pid);
	for (int i = 0; i < NR_THREADS; i++)
		CHECK(strtol(self_seen[i], NULL, 10) == pid, "thread %d sees /proc/self -> '%s'", i,
		      self_seen[i]);

	/* The process is listed, its other threads are not, but can be looked up. */
	CHECK(listed(pid), "/proc does not list the process %ld", pid);
	for (int i = 0; i < NR_THREADS; i++) {
		CHECK(!listed(threads[i].tid), "/proc lists thread %d", threads[i].tid);
		snprintf(path, sizeof(path), "/proc/%d", threads[i].tid);
		CHECK(stat(path, &st) == 0, "stat %s: %s", path, strerror(errno));
	}

	CHECK_EQ(kill((pid_t)pid, SIGUSR1), 0);
	CHECK_EQ(tgkill((pid_t)pid, threads[1].tid, SIGUSR2), 0);

	read_file("/proc/self/status");
	CHECK_EQ(field("Pid", 10), pid);
	CHECK_EQ(field("Tgid", 10), pid);
	CHECK_EQ(field("PPid", 10), getppid());
	if (!under_qemu_user()) { /* there the process is qemu's, with threads of its own */
		CHECK_EQ(field("Threads", 10), NR_THREADS + 1);
		CHECK_EQ(field("SigPnd", 16), 0);
		CHECK_EQ(field("ShdPnd", 16), 1UL << (SIGUSR1 - 1));
	}
	read_file("/proc/self/stat");
	CHECK_EQ(strtol(text, NULL, 10), pid);
	if (!under_qemu_user())
		CHECK_EQ(stat_field(20), NR_THREADS + 1);

	snprintf(path, sizeof(path), "/proc/%d/status", threads[1].tid);
	read_file(path);
	CHECK_EQ(field("Pid", 10), threads[1].tid);
	CHECK_EQ(field("Tgid", 10), pid);
	CHECK_EQ(field("PPid", 10), getppid());
	if (!under_qemu_user()) {
		CHECK_EQ(field("Threads", 10), NR_THREADS + 1);
		CHECK_EQ(field("SigPnd", 16), 1UL << (SIGUSR2 - 1));
		CHECK_EQ(field("ShdPnd", 16), 1UL << (SIGUSR1 - 1));
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", threads[1].tid);
	read_file(path);
	CHECK_EQ(strtol(text, NULL, 10), threads[1].tid);
	CHECK_EQ(stat_field(4), getppid());
	if (!under_qemu_user())
		CHECK_EQ(stat_field(20), NR_THREADS + 1);

	/* The threads end; their directories go with them (a joined thread may still be
	 * on its way out for a moment: Linux clears its tid before it releases it). */
	go = 1;
	futex(&go, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, NR_THREADS, NULL, NULL, 0);
	for (int i = 0; i < NR_THREADS; i++) {
		tids[i] = threads[i].tid;
		thread_join(&threads[i]);
	}
	for (tries = 0; !under_qemu_user() && tries < 10000; tries++) {
		read_file("/proc/self/status");
		if (field("Threads", 10) == 1)
			break;
		sched_yield();
	}
	if (!under_qemu_user())
		CHECK_EQ(field("Threads", 10), 1);
	for (int i = 0; i < NR_THREADS; i++) {
		snprintf(path, sizeof(path), "/proc/%d", tids[i]);
		for (tries = 0; tries < 10000 && stat(path, &st) == 0; tries++)
			sched_yield();
		CHECK(stat(path, &st) == -1 && errno == ENOENT, "%s still there after the join",
		      path);
	}
	return 0;
}
