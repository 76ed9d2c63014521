/* Helpers for the user tests; see check.h. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

/* Linux's auxv key for the path execve() was given; Faultline does not pass it. */
#define AT_EXECFN 31

/* Print "# <program>: <msg>" in one write, the program being the last part of argv[0]. */
static void print_line(const char *msg)
{
	const char *name = strrchr(program_invocation_name, '/');

	printf("# %s: %s\n", name ? name + 1 : program_invocation_name, msg);
}

__noreturn void check_failed(const char *file, int line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	int n = snprintf(msg, sizeof(msg), "FAIL at %s:%d: ", file, line);

	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	print_line(msg);
	exit(1);
}

void check_eq(const char *file, int line, const char *what, long got, long want)
{
	if (got != want)
		check_failed(file, line, "%s is %ld (%#lx), expected %ld (%#lx)", what, got,
			     got, want, want);
}

void check_err(const char *file, int line, const char *what, long got, int err)
{
	if (got != -err)
		check_failed(file, line, "%s returned %ld (%s), expected -%d (%s)", what, got,
			     got < 0 && got > -4096 ? strerror((int)-got) : "not an error", err,
			     strerror(err));
}

void note(const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	print_line(msg);
}

bool on_faultline(void)
{
	static int known = -1;
	struct utsname u;

	if (known < 0)
		known = uname(&u) == 0 && !strcmp(u.sysname, "Faultline");
	return known;
}

bool under_qemu_user(void)
{
	static int known = -1;
	struct utsname u;
	char arch[65] = "";
	int fd;

	if (known >= 0)
		return known;
	known = 0;
	if (on_faultline() || uname(&u) < 0)
		return known;
	fd = open("/proc/sys/kernel/arch", O_RDONLY);
	if (fd < 0)
		return known;
	if (read(fd, arch, sizeof(arch) - 1) > 0) {
		char *nl = strchr(arch, '\n');

		if (nl)
			*nl = '\0';
		known = arch[0] && strcmp(arch, u.machine) != 0;
	}
	close(fd);
	return known;
}

const char *rootpath(const char *path)
{
	static char bufs[4][512];
	static unsigned int next;
	static long prefix_len = -1;
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	char *buf;

	if (prefix_len < 0) {
		size_t argv0_len = strlen(program_invocation_name);
		size_t execfn_len = execfn ? strlen(execfn) : 0;

		prefix_len = 0;
		if (execfn_len > argv0_len &&
		    !strcmp(execfn + execfn_len - argv0_len, program_invocation_name))
			prefix_len = (long)(execfn_len - argv0_len);
	}
	if (!prefix_len)
		return path;
	buf = bufs[next++ % 4];
	snprintf(buf, sizeof(bufs[0]), "%.*s%s", (int)prefix_len, execfn, path);
	return buf;
}

int run_in_child(int (*fn)(void *arg), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		check_failed(__FILE__, __LINE__, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(fn(arg));
	if (wait4(pid, &status, 0, NULL) != pid)
		check_failed(__FILE__, __LINE__, "wait4(%d): %s", pid, strerror(errno));
	return status;
}

pid_t signal_later(int sig, long ms)
{
	pid_t parent = getpid(), child = fork();

	CHECK(child >= 0, "fork: errno %d", errno);
	if (child == 0) {
		struct timespec left = { ms / 1000, ms % 1000 * 1000000L };

		while (nanosleep(&left, &left) < 0)
			;
		kill(parent, sig);
		_exit(0);
	}
	return child;
}

int wait_child(pid_t pid, int options)
{
	const struct timespec poll = { 0, 10 * 1000 * 1000 };
	long deadline = now_ns() + 10 * 1000000000L;
	int status;

	while (now_ns() < deadline) {
		pid_t got = wait4(pid, &status, options | WNOHANG, NULL);

		if (got == pid)
			return status;
		if (got < 0 && errno != EINTR)
			check_failed(__FILE__, __LINE__, "wait4(%d): %s", pid, strerror(errno));
		nanosleep(&poll, NULL);
	}
	check_failed(__FILE__, __LINE__, "wait4(%d, %#x): nothing to report after 10 s", pid,
		     options);
}

const char *status_str(int status)
{
	static char buf[48];
	const char *name = signal_name(WTERMSIG(status));

	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exit %d", WEXITSTATUS(status));
	else
		snprintf(buf, sizeof(buf), "signal %d (%s)", WTERMSIG(status), name ? name : "?");
	return buf;
}

long now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		check_failed(__FILE__, __LINE__, "clock_gettime: %s", strerror(errno));
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

const char *si_code_name(int sig, int code)
{
	static char buf[24];
	static const struct {
		int sig; /* 0: any signal */
		int code;
		const char *name;
	} codes[] = {
		{ 0, SI_USER, "SI_USER" },            { 0, SI_KERNEL, "SI_KERNEL" },
		{ 0, SI_TKILL, "SI_TKILL" },          { 0, SI_QUEUE, "SI_QUEUE" },
		{ SIGILL, ILL_ILLOPC, "ILL_ILLOPC" },
		{ SIGILL, ILL_ILLOPN, "ILL_ILLOPN" }, { SIGFPE, FPE_INTDIV, "FPE_INTDIV" },
		{ SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR" }, { SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR" },
		{ SIGBUS, BUS_ADRALN, "BUS_ADRALN" }, { SIGBUS, BUS_ADRERR, "BUS_ADRERR" },
		{ SIGBUS, BUS_MCEERR_AR, "BUS_MCEERR_AR" }, { SIGTRAP, TRAP_BRKPT, "TRAP_BRKPT" },
		{ SIGCHLD, CLD_EXITED, "CLD_EXITED" }, { SIGCHLD, CLD_KILLED, "CLD_KILLED" },
		{ SIGCHLD, CLD_DUMPED, "CLD_DUMPED" }, { SIGCHLD, CLD_STOPPED, "CLD_STOPPED" },
		{ SIGCHLD, CLD_CONTINUED, "CLD_CONTINUED" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(codes); i++)
		if ((codes[i].sig == 0 || codes[i].sig == sig) && codes[i].code == code)
			return codes[i].name;
	snprintf(buf, sizeof(buf), "code %d", code);
	return buf;
}

#if defined(__x86_64__)
#define UC_PC(uc) ((ucontext_t *)(uc))->uc_mcontext.rip
#define UC_SP(uc) ((ucontext_t *)(uc))->uc_mcontext.rsp
#elif defined(__riscv)
#define UC_PC(uc) ((ucontext_t *)(uc))->uc_mcontext.sc_regs.pc
#define UC_SP(uc) ((ucontext_t *)(uc))->uc_mcontext.sc_regs.sp
#endif

unsigned long uc_pc(const void *uc)
{
	return UC_PC(uc);
}

unsigned long uc_sp(const void *uc)
{
	return UC_SP(uc);
}

siginfo_t probe_info;
unsigned long probe_pc;
static sigjmp_buf probe_env;

static void probe_caught(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	probe_info = *si;
	probe_pc = uc_pc(uc);
	siglongjmp(probe_env, 1); /* restores the mask sigsetjmp saved: sig is unblocked */
}

enum probe_how { PROBE_READ, PROBE_WRITE, PROBE_FETCH };

/* The access itself runs in the frame that called sigsetjmp(), as siglongjmp() requires. */
static int probe(enum probe_how how, volatile unsigned char *addr, unsigned char value)
{
	struct sigaction sa = { .sa_sigaction = probe_caught, .sa_flags = SA_SIGINFO };
	struct sigaction old_segv, old_bus;
	volatile int sig = 0;

	if (sigaction(SIGSEGV, &sa, &old_segv) || sigaction(SIGBUS, &sa, &old_bus))
		check_failed(__FILE__, __LINE__, "probe: sigaction: %s", strerror(errno));
	if (sigsetjmp(probe_env, 1))
		sig = probe_info.si_signo;
	else if (how == PROBE_READ)
		(void)*addr;
	else if (how == PROBE_WRITE)
		*addr = value;
	else
		((void (*)(void))addr)();
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	return sig;
}

int probe_read(const volatile void *addr)
{
	return probe(PROBE_READ, (volatile unsigned char *)addr, 0);
}

int probe_write(volatile void *addr, unsigned char value)
{
	return probe(PROBE_WRITE, addr, value);
}

int probe_fetch(unsigned long addr)
{
	return probe(PROBE_FETCH, (volatile unsigned char *)addr, 0);
}
