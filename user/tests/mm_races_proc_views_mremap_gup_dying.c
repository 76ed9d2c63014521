/* EXPECT: exit 0 */
/*
 * The new memory calls racing each other, with the outcomes Linux allows and nothing
 * else (no timing is checked: every loop is bounded by counts):
 *   - /proc/self/maps, smaps, smaps_rollup, status and pagemap read in small and large
 *     pieces while another thread mmaps, mprotects, munmaps and mremaps in a loop: every
 *     read ends (0 at the end), every maps line is whole ("start-end perms ..."), and
 *     every pagemap read is complete;
 *   - a range moved back and forth by MREMAP_FIXED and shrunk to one page and regrown
 *     while another thread reads it with process_vm_readv and writes it through
 *     /proc/self/mem: each read gets all of a page of the right bytes or EFAULT, each
 *     write all or EIO, never anything else;
 *   - a memfd truncated, hole-punched and regrown while a child writes its shared
 *     mapping: the child's writes end in success or SIGBUS BUS_ADRERR, nothing else;
 *   - process_vm_readv of a child that is exiting: all the bytes or ESRCH, and ESRCH
 *     for good once seen.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sched.h>
#include <thread.h>
#include <unistd.h>

#define PAGE 4096UL
#define SPAN 16 /* pages of the range that moves */

static volatile int stop;
static volatile long churns;
static char rbuf[65536];

static int churn(void *arg)
{
	(void)arg;
	while (!stop) {
		char *a = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *b;

		if (a == MAP_FAILED)
			continue;
		a[0] = 1;
		a[5 * PAGE] = 2;
		mprotect(a + 2 * PAGE, PAGE, PROT_READ);
		munmap(a + 4 * PAGE, PAGE);
		b = mremap(a, 4 * PAGE, 16 * PAGE, MREMAP_MAYMOVE);
		if (b != MAP_FAILED)
			munmap(b, 16 * PAGE);
		munmap(a, 8 * PAGE);
		churns++;
	}
	return 0;
}

/* Every line of a maps text starts "<hex>-<hex> " and ends with a newline. */
static void check_maps_text(const char *text, long len)
{
	for (long i = 0; i < len;) {
		long j = i;

		while (j < len && ((text[j] >= '0' && text[j] <= '9') || (text[j] >= 'a' && text[j] <= 'f')))
			j++;
		CHECK(j > i && j < len && text[j] == '-', "maps line at %ld: %.40s", i, text + i);
		while (i < len && text[i] != '\n')
			i++;
		CHECK(i < len, "maps ends without a newline");
		i++;
	}
}

static void proc_views_under_churn(void)
{
	static char text[1 << 16];
	const char *files[] = { "/proc/self/maps", "/proc/self/smaps", "/proc/self/smaps_rollup",
				"/proc/self/status" };
	struct thread t;

	stop = 0;
	CHECK(thread_create(&t, churn, NULL, NULL) > 0, "thread_create");
	for (int round = 0; round < 30; round++) {
		for (unsigned f = 0; f < 4; f++) {
			size_t piece = round % 3 ? 61 : sizeof(rbuf);
			long n, total = 0;
			int fd = open(files[f], O_RDONLY);

			CHECK(fd >= 0, "open %s", files[f]);
			while ((n = read(fd, rbuf, piece)) > 0) {
				if (f == 0 && total + n <= (long)sizeof(text))
					memcpy(text + total, rbuf, (size_t)n);
				total += n;
			}
			CHECK(n == 0, "read %s: %ld, errno %d", files[f], n, errno);
			CHECK(total > 0, "%s empty", files[f]);
			if (f == 0 && total <= (long)sizeof(text))
				check_maps_text(text, total);
			close(fd);
		}
		int pm = open("/proc/self/pagemap", O_RDONLY);

		CHECK(pm >= 0, "open pagemap");
		for (unsigned long i = 0; i < 16; i++)
			CHECK_EQ(pread(pm, rbuf, sizeof(rbuf), (long)(i << 24)), (long)sizeof(rbuf));
		close(pm);
	}
	stop = 1;
	thread_join(&t);
	CHECK(churns > 0, "the churning thread never ran");
}

static unsigned char *homes[2];
static volatile long reads_ok, reads_fault, writes_ok, writes_eio;

/* Read and write both homes of the moving range, by GUP, until told to stop. */
static int remote_toucher(void *arg)
{
	static unsigned char page[PAGE];
	int mem = *(int *)arg;

	while (!stop) {
		for (int h = 0; h < 2; h++) {
			for (unsigned long i = 0; i < SPAN; i += 5) {
				struct iovec l = { page, PAGE }, r = { homes[h] + i * PAGE, PAGE };
				long got = process_vm_readv(getpid(), &l, 1, &r, 1, 0);

				if (got == (long)PAGE) {
					for (unsigned long k = 0; k < PAGE; k += 512)
						CHECK(page[k] == 0 || page[k] == (unsigned char)(0xa0 + i),
						      "page %lu byte %lu: %#x", i, k, page[k]);
					reads_ok++;
				} else {
					CHECK(got == -1 && errno == EFAULT, "process_vm_readv: %ld errno %d", got, errno);
					reads_fault++;
				}
				page[0] = (unsigned char)(0xa0 + i);
				got = pwrite(mem, page, 1, (long)(uintptr_t)(homes[h] + i * PAGE));
				if (got == 1) {
					writes_ok++;
				} else {
					CHECK(got == -1 && errno == EIO, "mem write: %ld errno %d", got, errno);
					writes_eio++;
				}
			}
		}
	}
	return 0;
}

static void mremap_under_gup(void)
{
	unsigned char *far = mmap(NULL, 4 * SPAN * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *m;
	int mem = open("/proc/self/mem", O_RDWR);
	struct thread t;

	CHECK(far != MAP_FAILED && mem >= 0, "setup");
	CHECK_EQ(munmap(far, 4 * SPAN * PAGE), 0);
	homes[0] = far;
	homes[1] = far + 2 * SPAN * PAGE;
	m = mmap(homes[0], SPAN * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(m == homes[0], "mmap fixed");
	for (unsigned long i = 0; i < SPAN; i++)
		memset(m + i * PAGE, (int)(0xa0 + i), PAGE);
	stop = 0;
	CHECK(thread_create(&t, remote_toucher, &mem, NULL) > 0, "thread_create");
	for (int round = 0; round < 200; round++) {
		unsigned char *to = homes[(round + 1) % 2];

		m = mremap(m, SPAN * PAGE, SPAN * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
		CHECK(m == to, "round %d: mremap fixed: errno %d", round, errno);
		if (round % 4 == 0) {
			CHECK(mremap(m, SPAN * PAGE, PAGE, 0) == m, "shrink: errno %d", errno);
			CHECK(mremap(m, PAGE, SPAN * PAGE, 0) == m, "regrow: errno %d", errno);
			for (unsigned long i = 1; i < SPAN; i++)
				memset(m + i * PAGE, (int)(0xa0 + i), PAGE);
		}
		if (round % 16 == 0)
			sched_yield();
	}
	stop = 1;
	thread_join(&t);
	CHECK(reads_ok + reads_fault > 0, "the toucher never ran");
	note("GUP during the moves: %ld reads, %ld EFAULT; %ld writes, %ld EIO", reads_ok,
	     reads_fault, writes_ok, writes_eio);
	close(mem);
	munmap(m, SPAN * PAGE);
}

static unsigned char *shared;

/* Write every page of the shared mapping, over and over: 0 if no write was ever
 * stopped by anything but SIGBUS BUS_ADRERR at its own address. */
static int shared_writer(void *arg)
{
	(void)arg;
	for (int round = 0; round < 300; round++)
		for (unsigned long i = 0; i < 32; i++) {
			int sig = probe_write(shared + i * PAGE, (unsigned char)i);

			if (sig && (sig != SIGBUS || probe_info.si_code != BUS_ADRERR ||
				    probe_info.si_addr != shared + i * PAGE))
				return 1;
		}
	return 0;
}

static void truncate_under_faults(void)
{
	int fd = memfd_create("truncated", 0), status;
	pid_t pid;

	CHECK(fd >= 0, "memfd_create");
	CHECK_EQ(ftruncate(fd, 32 * PAGE), 0);
	shared = mmap(NULL, 32 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(shared != MAP_FAILED, "mmap");
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(shared_writer(NULL));
	for (int round = 0; round < 300; round++) {
		CHECK_EQ(ftruncate(fd, (round % 32) * (long)PAGE), 0);
		CHECK_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 32 * PAGE), 0);
		CHECK_EQ(ftruncate(fd, 32 * PAGE), 0);
		if (round % 8 == 0)
			sched_yield();
	}
	status = wait_child(pid, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %s", status_str(status));
	munmap(shared, 32 * PAGE);
	close(fd);
}

static void read_a_dying_child(void)
{
	static unsigned char data[4 * PAGE], got[4 * PAGE];
	bool gone = false;
	pid_t pid;

	memset(data, 0x77, sizeof(data));
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		for (int i = 0; i < 50; i++)
			sched_yield();
		_exit(0);
	}
	for (int i = 0; i < 2000; i++) {
		struct iovec l = { got, sizeof(got) }, r = { data, sizeof(data) };
		long n = process_vm_readv(pid, &l, 1, &r, 1, 0);

		if (n == (long)sizeof(got)) {
			CHECK(!gone, "read %ld bytes after ESRCH", n);
			CHECK(got[0] == 0x77 && got[sizeof(got) - 1] == 0x77, "bytes");
		} else {
			CHECK(n == -1 && errno == ESRCH, "process_vm_readv: %ld errno %d", n, errno);
			gone = true;
		}
	}
	wait_child(pid, 0);
}

int main(void)
{
	if (under_qemu_user()) {
		note("qemu-user: threads racing mremap and /proc are the emulator's: not run");
		return 0;
	}
	proc_views_under_churn();
	mremap_under_gup();
	truncate_under_faults();
	read_a_dying_child();
	return 0;
}
