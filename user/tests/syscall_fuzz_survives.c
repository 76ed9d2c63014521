/* EXPECT: exit 0 */
/* DIFFERS: random system calls as root on the machine running the check could do real harm */
/*
 * Bad input never takes the kernel down: children make thousands of system calls with
 * random numbers and hostile arguments (NULL, kernel addresses, wrapping pointers, huge
 * lengths, odd flags, their own code and stack as targets). A child may die of any
 * signal; what matters is that each one ends, the kernel survives, and runall's leak
 * check then finds every frame back. Calls that would sleep forever or replace the
 * program are left out (the sleeps, and the calls that send signals, which could stop
 * the child for good); kill only aims at the child itself.
 */
#include <asm/unistd.h>
#include <check.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 12
#define CALLS    3000

static unsigned long rng;

static unsigned long next_random(void)
{
	rng ^= rng << 13; /* xorshift64 */
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static char buffer[8192];

/* An argument: usually hostile, sometimes plausible. */
static long hostile(void)
{
	static long values[12];

	values[0] = 0;
	values[1] = -1;
	values[2] = 1;
	values[3] = (long)0xffffffff80000000UL; /* kernel image */
	values[4] = (long)buffer;               /* a real buffer */
	values[5] = (long)(buffer + sizeof(buffer) - 3);
	values[6] = (long)0x7ffffffff000UL;     /* around the top of user space */
	values[7] = 1L << 40;
	values[8] = 4096;
	values[9] = (long)&hostile;             /* our own code */
	values[10] = (long)&values;             /* our own data */
	values[11] = (long)next_random();
	return values[next_random() % 12];
}

/* Numbers never to call: would block for good, fork, exec, or end the fuzzing early. */
static bool excluded(long nr)
{
	static const long never[] = {
		__NR_read, __NR_clone, __NR_execve, __NR_wait4, __NR_nanosleep, __NR_rt_sigsuspend,
		__NR_restart_syscall, __NR_exit, __NR_exit_group, __NR_kill, __NR_tgkill,
		__NR_tkill, __NR_rt_sigqueueinfo, __NR_rt_tgsigqueueinfo, __NR_clock_nanosleep,
		__NR_rt_sigtimedwait, __NR_readv, __NR_preadv, __NR_ppoll, __NR_pselect6,
#ifdef __NR_pause
		__NR_pause,
#endif
#ifdef __NR_poll
		__NR_poll, __NR_select,
#endif
	};

	for (unsigned i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (nr == never[i])
			return true;
	return false;
}

static int fuzz(void *arg)
{
	rng = 0x9e3779b97f4a7c15UL * ((unsigned long)(long)arg + 1);
	for (int i = 0; i < CALLS; i++) {
		long nr = (long)(next_random() % (NR_SYSCALLS + 16));

		if (nr % 97 == 0) { /* now and then, a signal to ourselves (not one that stops us) */
			long sig = (long)(next_random() % 32);

			if (sig < 19 || sig > 22)
				syscall6(__NR_kill, getpid(), sig, 0, 0, 0, 0);
			continue;
		}
		if (excluded(nr))
			continue;
		syscall6(nr, hostile(), hostile(), hostile(), hostile(), hostile(), hostile());
	}
	return 0;
}

int main(void)
{
	int ended = 0;

	if (!on_faultline()) {
		printf("%d children fuzzed the system calls, every one ended\n", CHILDREN);
		return 0;
	}
	for (long c = 0; c < CHILDREN; c++) {
		pid_t pid = fork();
		int status;

		CHECK(pid >= 0, "fork");
		if (pid == 0)
			_exit(fuzz((void *)c));
		status = wait_child(pid, 0); /* fails the test if it does not end within 10 s */
		note("child %ld: %s", c, status_str(status));
		ended++;
	}
	printf("%d children fuzzed the system calls, every one ended\n", ended);
	return 0;
}
