/*
 * What the user tests share: reporting the first check that failed, and telling
 * Faultline from Linux (the same binaries run on both; see the DIFFERS lines).
 *
 * A test exits 0 only if every check held. The first check that does not hold prints
 *   # <program>: FAIL at <file>:<line>: <what was expected> (<details>)
 * and exits 1, so runall reports "expected exit 0, got exit 1" and the line above says why.
 */
#ifndef USER_CHECK_H
#define USER_CHECK_H

#include <compiler.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/* Fail the test unless cond holds; the rest is a printf format and its arguments. */
#define CHECK(cond, ...) \
	do { \
		if (!(cond)) \
			check_failed(__FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

/* Fail unless got == want (as longs); prints both. */
#define CHECK_EQ(got, want) check_eq(__FILE__, __LINE__, #got, (long)(got), (long)(want))

/* Fail unless the raw system call result r is -err (e.g. CHECK_ERR(r, EFAULT)). */
#define CHECK_ERR(r, err) check_err(__FILE__, __LINE__, #r, (long)(r), (err))

__noreturn void check_failed(const char *file, int line, const char *fmt, ...)
	__printf(3, 4);
void check_eq(const char *file, int line, const char *what, long got, long want);
void check_err(const char *file, int line, const char *what, long got, int err);

/* Print "# <program>: " and the message: a note that does not fail the test. */
void note(const char *fmt, ...) __printf(1, 2);

/* True when running under Faultline (uname's sysname), false on Linux. */
bool on_faultline(void);

/*
 * True on Linux under qemu-user (e.g. qemu-riscv64 on an x86_64 host), whose emulation
 * of a few calls differs from a real Linux kernel's; tests note each case they excuse.
 * Detected by /proc/sys/kernel/arch (the host's, qemu does not emulate it) differing
 * from uname's machine (qemu's).
 */
bool under_qemu_user(void);

/*
 * path ("/data/hello.txt") as this test must open it: unchanged under Faultline; on
 * Linux, where runall --root DIR ran us as DIR/tests/<name>, prefixed with DIR (found
 * from Linux's AT_EXECFN, which ends with our argv[0]). Valid until the 4th next call.
 */
const char *rootpath(const char *path);

/* Fork; run fn(arg) in the child and _exit with what it returns; wait for the child.
 * Returns its wait status (fails the test if fork or wait4 fails). */
int run_in_child(int (*fn)(void *arg), void *arg);

/* Fork a child that sends sig to the caller after ms milliseconds of sleep (restarted
 * through any signal), then exits 0. Returns its pid; the caller reaps it. */
pid_t signal_later(int sig, long ms);

/* wait4(pid, &status, options) until it reports pid, for at most 10 s, polling (so a
 * child that never changes state fails the test instead of hanging it). Returns the
 * status. */
int wait_child(pid_t pid, int options);

/* "exit 3" or "signal 11 (SIGSEGV)" for a wait status, in a static buffer. */
const char *status_str(int status);

/*
 * si_code as Linux's name for it, given the signal it came with: "SEGV_MAPERR",
 * "SI_USER", "CLD_EXITED", ..., or the number ("code 77") when there is no name here.
 * In a static buffer only for the number.
 */
const char *si_code_name(int sig, int code);

/*
 * The interrupted program counter and stack pointer in a handler's third argument (the
 * struct ucontext of Linux's signal frame, asm/signal.h): rip/rsp on x86_64, pc/sp on
 * riscv64.
 */
unsigned long uc_pc(const void *uc);
unsigned long uc_sp(const void *uc);

/*
 * One access that may fault, caught: probe_read() loads the byte at addr, probe_write()
 * stores value there, probe_fetch() calls addr as a function (a fault there is an
 * instruction fetch). Each returns 0 if the access completed, or the signal that stopped
 * it (SIGSEGV, SIGBUS) with the handler's siginfo in probe_info and the interrupted pc in
 * probe_pc. SIGSEGV and SIGBUS are caught only during the call: their old actions are put
 * back before it returns. The way out of the handler is siglongjmp(), so the faulting
 * access is never retried.
 */
extern siginfo_t probe_info;
extern unsigned long probe_pc;
int probe_read(const volatile void *addr);
int probe_write(volatile void *addr, unsigned char value);
int probe_fetch(unsigned long addr);

/* CLOCK_MONOTONIC in nanoseconds. */
long now_ns(void);

#endif
