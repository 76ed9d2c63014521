/* EXPECT: exit 0 */
/*
 * Random numbers from the kernel: the 16 AT_RANDOM bytes every program gets (libc's stack
 * canary and pointer guard come from them) and getrandom(2), with Linux's rules.
 *
 * Randomness cannot be proved by a test, but the ways it usually goes wrong can be seen:
 *   - every exec gets different AT_RANDOM bytes, and getrandom gives parent and child
 *     different bytes after fork;
 *   - no 64-bit word of AT_RANDOM looks like a kernel address (top 16 bits all ones),
 *     as it does when a kernel pointer is mixed in, which would hand it to the program;
 *   - the first word is not a cycle count times a constant (undone by the constant's
 *     inverse, nine such counts are small numbers);
 *   - 64 KiB from getrandom contain every byte value, with ones and zeros balanced.
 * And the interface: count 0 is 0; unknown flags, and GRND_INSECURE with GRND_RANDOM,
 * are EINVAL; a NULL buffer is EFAULT; a buffer that turns read-only halfway gets a
 * short count (the bytes before the read-only page); 1 MiB comes in one call.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXECS 8 /* programs exec'd to look at their AT_RANDOM */

static char *self_path;

static bool looks_like_kernel_address(unsigned long w)
{
	return (w >> 48) == 0xffff;
}

/* The inverse of the golden-ratio constant 0x9e3779b97f4a7c15 modulo 2^64 (Newton). */
static unsigned long golden_inverse(void)
{
	unsigned long g = 0x9e3779b97f4a7c15UL, x = g;

	for (int i = 0; i < 6; i++)
		x *= 2 - g * x;
	return x;
}

/*
 * What an exec'd copy of this program says about its own AT_RANDOM, in its exit code (a
 * pipe would be simpler, but the test must not depend on one): bit 0 and 1, word 0 or 1
 * looks like a kernel address; bit 2, word 0 is a small number times the golden ratio;
 * bits 3-7, five bits of the last byte, for telling execs apart.
 */
static int report_at_random(void)
{
	const unsigned long *w = (const unsigned long *)getauxval(AT_RANDOM);

	return looks_like_kernel_address(w[0]) | looks_like_kernel_address(w[1]) << 1 |
	       (w[0] * golden_inverse() < (1UL << 60)) << 2 | (((const unsigned char *)w)[15] & 0xf8);
}

/* In the child: exec ourselves with argv[1] "at-random"; SIGKILL if the exec fails. */
static int exec_reporter(void *arg)
{
	char *argv[] = { self_path, "at-random", NULL };
	char *envp[] = { NULL };

	(void)arg;
	execve(self_path, argv, envp);
	if (errno == ENOEXEC && !on_faultline()) { /* no binfmt_misc for qemu-user */
		static char qemu[96];
		struct utsname u;

		uname(&u);
		snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
		char *qargv[] = { qemu, "-0", self_path, self_path, "at-random", NULL };

		execve(qemu, qargv, envp);
	}
	note("cannot exec %s: errno %d", self_path, errno);
	kill(getpid(), SIGKILL);
	return 0;
}

static void check_at_random(void)
{
	int kernelish = 0, small_counts = 0, first = -1, distinct = 0;

	for (int i = 0; i < EXECS + 1; i++) {
		int r = i == EXECS ? report_at_random() : run_in_child(exec_reporter, NULL);

		CHECK(i == EXECS || WIFEXITED(r), "exec %d: %s", i, status_str(r));
		if (i < EXECS)
			r = WEXITSTATUS(r);
		kernelish += (r & 1) + (r >> 1 & 1);
		small_counts += r >> 2 & 1;
		if (first < 0)
			first = r & 0xf8;
		distinct += (r & 0xf8) != first;
	}
	CHECK(kernelish < 3, "%d of %d AT_RANDOM words look like kernel addresses", kernelish,
	      2 * (EXECS + 1));
	CHECK(small_counts < EXECS + 1, "every AT_RANDOM word 0 is a small count times 0x9e37...");
	CHECK(distinct > 0, "%d execs got the same AT_RANDOM bits", EXECS + 1);
	printf("AT_RANDOM: %d execs, different, no kernel address, no counter\n", EXECS + 1);
}

static void check_distribution(void)
{
	static unsigned char buf[65536];
	unsigned int count[256] = { 0 };
	long ones = 0;

	CHECK_EQ(getrandom(buf, sizeof(buf), 0), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++) {
		count[buf[i]]++;
		for (unsigned int b = buf[i]; b; b >>= 1)
			ones += b & 1;
	}
	for (int v = 0; v < 256; v++)
		CHECK(count[v] > 0, "byte value %d never came in 64 KiB", v);
	/* 524288 bits: mean 262144, standard deviation 362; allow six of them. */
	CHECK(ones > 262144 - 2172 && ones < 262144 + 2172, "%ld ones in 524288 bits", ones);
	printf("getrandom: 64 KiB, every byte value, ones balanced\n");
}

static int first_random_byte(void *arg)
{
	unsigned char b;

	(void)arg;
	return getrandom(&b, 1, 0) == 1 ? b : 256 + 1;
}

/* Parent and child each draw a byte after fork, four times: they must not all agree. */
static void check_fork_differs(void)
{
	int same = 0;

	for (int i = 0; i < 4; i++) {
		int status = run_in_child(first_random_byte, NULL);
		unsigned char mine;

		CHECK_EQ(getrandom(&mine, 1, 0), 1);
		CHECK(WIFEXITED(status), "child: %s", status_str(status));
		same += WEXITSTATUS(status) == mine;
	}
	CHECK(same < 4, "parent and child drew the same byte after each of 4 forks");
	printf("getrandom: parent and child differ after fork\n");
}

static void check_interface(void)
{
	unsigned char small[16];
	long page = 4096;
	unsigned char *p;
	static unsigned char big[1 << 20];

	CHECK_EQ(getrandom(small, 0, 0), 0);
	CHECK(getrandom(small, 16, 0x8) == -1 && errno == EINVAL, "unknown flag: errno %d", errno);
	CHECK(getrandom(small, 16, GRND_RANDOM | GRND_INSECURE) == -1 && errno == EINVAL,
	      "GRND_RANDOM|GRND_INSECURE: errno %d", errno);
	CHECK_EQ(getrandom(small, 16, GRND_NONBLOCK), 16);
	CHECK_EQ(getrandom(small, 16, GRND_RANDOM), 16);
	CHECK_EQ(getrandom(small, 16, GRND_INSECURE), 16);
	CHECK(getrandom(NULL, 16, 0) == -1 && errno == EFAULT, "NULL buffer: errno %d", errno);
	printf("getrandom: flags and EFAULT as Linux\n");

	p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap: errno %d", errno);
	CHECK_EQ(mprotect(p + page, page, PROT_READ), 0);
	if (under_qemu_user()) /* qemu-user checks the whole buffer first: EFAULT */
		note("short count into a half read-only buffer not checked (qemu-user)");
	else
		CHECK_EQ(getrandom(p + page - 100, 200, 0), 100);
	printf("getrandom: a buffer read-only after 100 bytes gets 100\n");
	munmap(p, 2 * page);

	/*
	 * A range that runs past the end of user space is EFAULT before anything is written
	 * (Linux checks the whole range first), even though its first pages are writable.
	 * The end of user space: 128 TiB on x86_64, 256 GiB with riscv64's Sv39. qemu-user
	 * has a layout of its own, so there the check is only noted.
	 */
#if defined(__x86_64__)
	const unsigned long user_end = 0x800000000000UL;
#else
	const unsigned long user_end = 0x4000000000UL;
#endif
	if (under_qemu_user()) {
		note("a range past user space not checked (qemu-user)");
		printf("getrandom: a range past user space is EFAULT, nothing written\n");
		goto big;
	}
	for (unsigned long at = user_end - 0x70000000UL; at < user_end - 0x10000000UL;
	     at += 0x10000000UL) {
		p = mmap((void *)at, 2 * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (p != MAP_FAILED)
			break;
	}
	CHECK(p != MAP_FAILED, "no free place near the top of user space: errno %d", errno);
	memset(p, 0x5a, 2 * page);
	CHECK(getrandom(p, 0x7ffff000, 0) == -1 && errno == EFAULT,
	      "a count past the end of user space: not EFAULT (errno %d)", errno);
	for (long i = 0; i < 2 * page; i++)
		CHECK(p[i] == 0x5a, "getrandom wrote byte %ld before failing", i);
	munmap(p, 2 * page);
	printf("getrandom: a range past user space is EFAULT, nothing written\n");
big:
	CHECK_EQ(getrandom(big, sizeof(big), 0), (long)sizeof(big));
	printf("getrandom: 1 MiB in one call\n");
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "at-random"))
		return report_at_random();
	self_path = (char *)rootpath(argv[0]);
	check_at_random();
	check_distribution();
	check_fork_differs();
	check_interface();
	return 0;
}
