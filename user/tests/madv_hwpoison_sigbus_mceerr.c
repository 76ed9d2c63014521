/* EXPECT: exit 0 */
/* DIFFERS: on Linux MADV_HWPOISON poisons a real frame of the machine running the test (and needs CAP_SYS_ADMIN), so the test calls it only under Faultline and checks nothing elsewhere; mainline Linux on riscv64 also reports a poisoned page as BUS_ADRERR (arch/riscv/mm/fault.c), where Faultline says BUS_MCEERR_AR on both arches. */
/*
 * A page marked by madvise(MADV_HWPOISON) behaves like memory the hardware reported
 * broken: its frame is gone, and any touch of it, read or write, is SIGBUS with
 * si_code BUS_MCEERR_AR (a memory error, action required), si_addr the address touched
 * and si_addr_lsb 12 (the whole 4 KiB page is lost). The other pages of the mapping
 * keep their bytes. A forked child inherits the poison; read() into the page is EFAULT;
 * without a handler the touch kills with SIGBUS. MADV_DONTNEED drops the poison with
 * the page: the next touch gets a fresh zero page. runall's leak check then shows that
 * the poisoned frame came back.
 *
 * Only under Faultline (see DIFFERS): on Linux the test says so and exits 0.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 4

static unsigned char *area;

/* Read (or write) area[offset]. Returns the signal that stopped it, or 0. */
static int try_access(unsigned long offset, bool write)
{
	return write ? probe_write(area + offset, 0xee) : probe_read(area + offset);
}

static void expect_mceerr(unsigned long offset, bool write)
{
	int sig;

	memset(&probe_info, 0, sizeof(probe_info));
	sig = try_access(offset, write);
	printf("%s area+%#lx: %s %s si_addr=area+%#lx si_addr_lsb=%d\n", write ? "write" : "read",
	       offset, sig ? signal_name(sig) : "no signal",
	       sig ? si_code_name(sig, probe_info.si_code) : "",
	       sig ? (unsigned long)((unsigned char *)probe_info.si_addr - area) : 0,
	       probe_info.si_addr_lsb);
	CHECK_EQ(sig, SIGBUS);
	CHECK_EQ(probe_info.si_code, BUS_MCEERR_AR);
	CHECK(probe_info.si_addr == area + offset, "si_addr %p, expected %p", probe_info.si_addr,
	      (void *)(area + offset));
	CHECK_EQ(probe_info.si_addr_lsb, 12);
}

/* In a child: touch the poisoned page with SIGBUS at its default action, or with our
 * handler and report what came (exit 0 if it was BUS_MCEERR_AR). */
static int child_touch(void *arg)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	if (arg) {
		CHECK_EQ(sigaction(SIGBUS, &dfl, NULL), 0);
		return area[PAGE];
	}
	if (try_access(PAGE + 1, false) != SIGBUS)
		return 1;
	return probe_info.si_code == BUS_MCEERR_AR && probe_info.si_addr == area + PAGE + 1 ? 0 : 2;
}

int main(void)
{
	int status, fd;

	if (!on_faultline()) {
		note("not Faultline: MADV_HWPOISON would poison this machine's memory; nothing done");
		return 0;
	}
	area = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	for (unsigned long i = 0; i < NR_PAGES; i++)
		memset(area + i * PAGE, (int)(0x30 + i), PAGE);

	CHECK_EQ(madvise(area + PAGE, PAGE, MADV_HWPOISON), 0);
	expect_mceerr(PAGE, false);
	expect_mceerr(PAGE + 0x80, true);
	expect_mceerr(2 * PAGE - 1, false);
	for (unsigned long i = 0; i < NR_PAGES; i++)
		if (i != 1)
			for (unsigned long b = 0; b < PAGE; b++)
				CHECK(area[i * PAGE + b] == 0x30 + i, "page %lu lost its bytes", i);
	printf("pages 0, 2 and 3: unchanged\n");

	status = run_in_child(child_touch, NULL);
	printf("a child touching it: %s (0: SIGBUS BUS_MCEERR_AR there too)\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	status = run_in_child(child_touch, "no handler");
	printf("without a handler: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS, "%s", status_str(status));

	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	printf("read() into it: %s\n",
	       syscall6(__NR_read, fd, (long)(area + PAGE), 16, 0, 0, 0) == -EFAULT ? "EFAULT" :
									       "not EFAULT");
	CHECK_ERR(syscall6(__NR_read, fd, (long)(area + PAGE), 16, 0, 0, 0), EFAULT);
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(madvise(area + PAGE, PAGE, MADV_DONTNEED), 0);
	CHECK_EQ(try_access(PAGE + 9, false), 0);
	for (unsigned long b = 0; b < PAGE; b++)
		CHECK(area[PAGE + b] == 0, "after MADV_DONTNEED, byte %lu is %#x", b, area[PAGE + b]);
	CHECK_EQ(try_access(PAGE + 9, true), 0);
	printf("after MADV_DONTNEED: a fresh zero page, writable\n");
	CHECK_EQ(munmap(area, NR_PAGES * PAGE), 0);
	return 0;
}
