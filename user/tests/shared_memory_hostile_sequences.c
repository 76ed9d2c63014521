/* EXPECT: exit 0 */
/*
 * Shared memory driven through sequences a hostile program might try, with Linux's
 * outcomes, and the rest of the system's shared memory unharmed:
 *   - MADV_WILLNEED over a memfd's never-written pages leaves them holes (mincore: not
 *     resident); punching them out and truncating the file after that leaves tmpfs as
 *     it was: 64 more memfds of 64 KiB each are written and faulted in, no SIGBUS, and
 *     tmpfs-backed shared anonymous memory works too;
 *   - MAP_SHARED|MAP_ANONYMOUS grown by mremap past its object: the new pages are
 *     SIGBUS BUS_ADRERR at their address, the old ones keep their bytes;
 *   - that mapping moved by MREMAP_FIXED again and again and forked each time, with
 *     MADV_DONTFORK and MADV_DOFORK toggled on a page of it: the child finds the
 *     page gone (SEGV_MAPERR) exactly when it was DONTFORK, and the other pages shared
 *     (a child's write is the parent's); MADV_WIPEONFORK there is EINVAL;
 *   - FALLOC_FL_PUNCH_HOLE over a file mapped both shared and privately, with private
 *     copies made: the copies keep their bytes, shared and untouched private pages read
 *     zeros;
 *   - mlockall(MCL_FUTURE): stack growth, brk and new mappings are locked as they come
 *     (VmLck grows by each), munlockall unlocks all.
 * qemu-user ignores madvise and keeps its own VmLck: the forks and mlockall are not
 * checked there.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static void willneed_then_punch_leaves_tmpfs_usable(void)
{
	static unsigned char chunk[16 * PAGE], vec[16];
	int fd = memfd_create("willneed", 0), fds[64];
	unsigned char *m, *s;

	CHECK(fd >= 0, "memfd_create");
	CHECK_EQ(ftruncate(fd, 16 * PAGE), 0);
	m = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "mmap");
	for (int round = 0; round < 8; round++) {
		CHECK_EQ(madvise(m, 16 * PAGE, MADV_WILLNEED), 0);
		CHECK_EQ(mincore(m, 16 * PAGE, vec), 0);
		for (int i = 0; i < 16; i++)
			CHECK(!(vec[i] & 1), "round %d: page %d of a hole resident after WILLNEED", round, i);
		CHECK_EQ(madvise(m, 16 * PAGE, MADV_REMOVE), 0);
		CHECK_EQ(ftruncate(fd, 0), 0);
		CHECK_EQ(ftruncate(fd, 16 * PAGE), 0);
	}
	munmap(m, 16 * PAGE);
	close(fd);

	memset(chunk, 0x6b, sizeof(chunk));
	for (int i = 0; i < 64; i++) {
		fds[i] = memfd_create("after", 0);
		CHECK(fds[i] >= 0, "memfd_create %d", i);
		CHECK_EQ(write(fds[i], chunk, sizeof(chunk)), (long)sizeof(chunk));
	}
	s = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED, "mmap");
	for (unsigned long i = 0; i < 16; i++)
		CHECK_EQ(probe_write(s + i * PAGE, 1), 0);
	CHECK_EQ(madvise(s, 16 * PAGE, MADV_POPULATE_WRITE), 0);
	munmap(s, 16 * PAGE);
	for (int i = 0; i < 64; i++)
		close(fds[i]);
}

/* In a fork's child: 0 if page i of s is shared with the parent, else what happened. */
static int child_view(unsigned char *s, int dontfork_page)
{
	for (int i = 0; i < 4; i++) {
		int sig = probe_write(s + i * PAGE, (unsigned char)(0x40 + i));

		if (i == dontfork_page) {
			if (sig != SIGSEGV || probe_info.si_code != SEGV_MAPERR ||
			    probe_info.si_addr != s + i * PAGE)
				return 10 + i;
		} else if (sig) {
			return 20 + i;
		}
	}
	return 0;
}

static void shared_anon_grown_moved_forked(void)
{
	unsigned char *s = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	unsigned char *far = mmap(NULL, 64 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(s != MAP_FAILED && far != MAP_FAILED, "mmap");
	memset(s, 1, 4 * PAGE);
	s = mremap(s, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	CHECK(s != MAP_FAILED, "mremap grow: errno %d", errno);
	CHECK_EQ(s[3 * PAGE], 1);
	CHECK_EQ(probe_read(s + 5 * PAGE), SIGBUS);
	CHECK_EQ(probe_info.si_code, BUS_ADRERR);
	CHECK(probe_info.si_addr == s + 5 * PAGE, "si_addr %p", probe_info.si_addr);
	s = mremap(s, 8 * PAGE, 4 * PAGE, 0);
	CHECK(s != MAP_FAILED, "mremap shrink");
	if (under_qemu_user()) {
		note("qemu-user ignores madvise: the forks are not checked");
		return;
	}
	CHECK_ERR(raw(madvise(s, PAGE, MADV_WIPEONFORK)), EINVAL);

	for (int round = 0; round < 12; round++) {
		int page = round % 4, dontfork = round % 3 == 0 ? page : -1, status;
		unsigned char *to = far + (round % 2 ? 0 : 32) * PAGE;
		pid_t pid;

		/* (moved while one mapping: a move over several is EFAULT before Linux 6.17) */
		s = mremap(s, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
		CHECK(s == to, "mremap fixed: errno %d", errno);
		if (dontfork >= 0)
			CHECK_EQ(madvise(s + page * PAGE, PAGE, MADV_DONTFORK), 0);
		pid = fork();
		CHECK(pid >= 0, "fork");
		if (pid == 0)
			_exit(child_view(s, dontfork));
		status = wait_child(pid, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "round %d: child %s", round,
		      status_str(status));
		for (int i = 0; i < 4; i++)
			if (i != dontfork)
				CHECK_EQ(s[i * PAGE], 0x40 + i);
		if (dontfork >= 0)
			CHECK_EQ(madvise(s + page * PAGE, PAGE, MADV_DOFORK), 0);
	}
	munmap(s, 4 * PAGE);
	munmap(far, 64 * PAGE);
}

static void punch_hole_under_private_copies(void)
{
	int fd = memfd_create("punch", 0);
	unsigned char *sh, *pr;

	CHECK(fd >= 0, "memfd_create");
	CHECK_EQ(ftruncate(fd, 4 * PAGE), 0);
	sh = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	pr = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(sh != MAP_FAILED && pr != MAP_FAILED, "mmap");
	memset(sh, 0x11, 4 * PAGE);
	pr[0] = 0x22;          /* a private copy */
	pr[2 * PAGE] = 0x33;   /* another */
	CHECK_EQ(pr[PAGE], 0x11); /* read: the file's page, no copy */
	CHECK_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4 * PAGE), 0);
	CHECK_EQ(pr[0], 0x22);
	CHECK_EQ(pr[1], 0x11);
	CHECK_EQ(pr[2 * PAGE], 0x33);
	CHECK_EQ(pr[PAGE], 0);
	CHECK_EQ(pr[3 * PAGE], 0);
	for (unsigned long i = 0; i < 4; i++)
		CHECK_EQ(sh[i * PAGE + 7], 0);
	munmap(sh, 4 * PAGE);
	munmap(pr, 4 * PAGE);
	close(fd);
}

/* VmLck of /proc/self/status, in kB. */
static long vmlck_kb(void)
{
	static char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	long n = read(fd, buf, sizeof(buf) - 1);
	char *line;

	close(fd);
	CHECK(n > 0, "read status");
	buf[n] = 0;
	line = strstr(buf, "VmLck:");
	CHECK(line, "no VmLck");
	return strtol(line + 6, NULL, 10);
}

static int grow_stack(int depth)
{
	volatile char frame[2000];

	frame[0] = (char)depth;
	return depth ? grow_stack(depth - 1) + frame[0] : frame[0];
}

static int locked_future(void *arg)
{
	long before, after;
	char *brk0, *m;

	(void)arg;
	CHECK_EQ(mlockall(MCL_CURRENT | MCL_FUTURE), 0);
	before = vmlck_kb();
	CHECK(before > 0, "mlockall locked nothing");
	grow_stack(400); /* 800 KB below: past the stack's first mapping, which grows, locked */
	after = vmlck_kb();
	CHECK(after > before + 400, "stack growth not locked: %ld -> %ld kB", before, after);
	before = after;
	brk0 = sbrk(0);
	CHECK_EQ(brk(brk0 + 64 * PAGE), 0);
	CHECK_EQ(vmlck_kb(), before + 256);
	m = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_EQ(vmlck_kb(), before + 256 + 16);
	m = mremap(m, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	CHECK(m != MAP_FAILED, "mremap");
	CHECK_EQ(vmlck_kb(), before + 256 + 32);
	CHECK_EQ(brk(brk0), 0);
	CHECK_EQ(vmlck_kb(), before + 32);
	CHECK_EQ(munlockall(), 0);
	CHECK_EQ(vmlck_kb(), 0);
	return 0;
}

int main(void)
{
	int status;

	willneed_then_punch_leaves_tmpfs_usable();
	punch_hole_under_private_copies();
	shared_anon_grown_moved_forked();
	if (under_qemu_user()) {
		note("qemu-user: mlockall's VmLck is the emulator's: not checked");
	} else {
		status = run_in_child(locked_future, NULL);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "mlockall child %s",
		      status_str(status));
	}
	printf("shared memory: holes, growth, forks, hole punching and mlockall as Linux\n");
	return 0;
}
