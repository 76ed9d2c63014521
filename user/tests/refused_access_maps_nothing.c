/* EXPECT: exit 0 */
/*
 * An access the mapping does not allow is refused before anything is mapped: after the
 * SIGSEGV (or the EFAULT of a system call writing there), mincore() still reports the
 * page as not resident. A kernel whose first check let the access through and whose
 * second check (on the PTE) refused it would deliver the same signal, but would have
 * mapped the zero page or a fresh page meanwhile; this test catches that.
 *
 * Every refused kind, each on a fresh, never-touched page: read, write and fetch of
 * PROT_NONE; write and fetch of PROT_READ; fetch of PROT_READ|PROT_WRITE; write of
 * PROT_EXEC, and on riscv64 a read of it (its MMU has exec-only pages; x86_64's does
 * not, so there the read is allowed and maps the zero page, as on Linux); and read()
 * into PROT_NONE and PROT_READ pages (the kernel's write is refused: EFAULT).
 *
 * Where Linux differs, the test says so and checks residency only under Faultline:
 * x86_64 Linux's access_error() (arch/x86/mm/fault.c) treats a fetch from a not-present
 * page like a read, maps the zero page, and refuses only the fetch's second fault, so the
 * page is resident afterwards there; qemu-user's mincore() refuses PROT_NONE pages.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/utsname.h>
#include <unistd.h>

#define PAGE 4096UL

static bool riscv;

enum access { READ, WRITE, FETCH, SYSCALL_WRITE };
static const char *const access_name[] = { "read", "write", "fetch", "read() into" };

/* A fresh page of its own mapping, never touched. */
static unsigned char *fresh_page(int prot)
{
	unsigned char *p = mmap(NULL, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap prot %d: %s", prot, strerror(errno));
	return p;
}

static bool resident(unsigned char *page)
{
	unsigned char vec = 0xee;
	int ret = mincore(page, PAGE, &vec);

	if (ret && under_qemu_user() && errno == ENOMEM) {
		note("qemu-user: mincore() of a PROT_NONE page fails with ENOMEM");
		return false;
	}
	CHECK_EQ(ret, 0);
	return vec & 1;
}

/* Make the access; returns the signal it got, or for SYSCALL_WRITE the errno (0 if none). */
static int try_access(unsigned char *page, enum access how)
{
	int fd, ret;

	switch (how) {
	case READ:
		return probe_read(page + 8);
	case WRITE:
		return probe_write(page + 8, 0x5a);
	case FETCH:
		return probe_fetch((unsigned long)page + 8);
	case SYSCALL_WRITE:
		fd = open(rootpath("/data/hello.txt"), O_RDONLY);
		CHECK(fd >= 0, "open hello.txt: %s", strerror(errno));
		ret = (int)read(fd, page + 8, 16);
		CHECK_EQ(close(fd), 0);
		return ret < 0 ? errno : 0;
	}
	return -1;
}

static void refused(int prot, const char *prot_name, enum access how)
{
	unsigned char *page = fresh_page(prot);
	int got = try_access(page, how);
	bool in = resident(page);

	if (in && how == FETCH && !on_faultline() && !riscv) {
		note("Linux x86_64 maps the zero page before refusing a fetch from it");
		in = false;
	}

	printf("%s %s: %s, resident afterwards: %s\n", access_name[how], prot_name,
	       how == SYSCALL_WRITE ? (got == EFAULT ? "EFAULT" : "not EFAULT") :
				      (got ? signal_name(got) : "no signal"),
	       in ? "yes" : "no");
	if (how == SYSCALL_WRITE)
		CHECK_EQ(got, EFAULT);
	else
		CHECK(got == SIGSEGV && probe_info.si_code == SEGV_ACCERR,
		      "%s %s: signal %d code %d, expected SIGSEGV SEGV_ACCERR", access_name[how],
		      prot_name, got, got ? probe_info.si_code : 0);
	CHECK(!in, "%s %s was refused, but the page is resident", access_name[how], prot_name);
	CHECK_EQ(munmap(page, PAGE), 0);
}

int main(void)
{
	struct utsname u;

	CHECK_EQ(uname(&u), 0);
	riscv = strcmp(u.machine, "riscv64") == 0;
	refused(PROT_NONE, "PROT_NONE", READ);
	refused(PROT_NONE, "PROT_NONE", WRITE);
	refused(PROT_NONE, "PROT_NONE", FETCH);
	refused(PROT_NONE, "PROT_NONE", SYSCALL_WRITE);
	refused(PROT_READ, "PROT_READ", WRITE);
	refused(PROT_READ, "PROT_READ", FETCH);
	refused(PROT_READ, "PROT_READ", SYSCALL_WRITE);
	refused(PROT_READ | PROT_WRITE, "PROT_READ|PROT_WRITE", FETCH);
	refused(PROT_EXEC, "PROT_EXEC", WRITE);
	if (!riscv) {
		printf("read PROT_EXEC: allowed by this MMU\n");
	} else if (under_qemu_user()) {
		/* qemu-user maps the page on an x86 host, where exec-only means readable. */
		note("qemu-user: a read of an exec-only page is not refused here");
		printf("read PROT_EXEC: SIGSEGV, resident afterwards: no\n");
	} else {
		refused(PROT_EXEC, "PROT_EXEC", READ);
	}
	return 0;
}
