/* EXPECT: exit 0 */
/*
 * Past the end of a mapped file. /data/hello.txt is 62 bytes; map two pages of it:
 *
 *   - page 0 holds the 62 bytes and then zeros to the end of the page (readable, and
 *     in a writable private mapping writable, privately);
 *   - page 1 lies wholly past the end of the file: any access is SIGBUS BUS_ADRERR
 *     with si_addr the byte touched, a read or a write, in a read-only or a writable
 *     mapping; so is a page mapped at an offset past the end;
 *   - without a handler, SIGBUS kills the program.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE      4096UL
#define FILE_SIZE 62UL

static const char sentence[] = "Faultline reads this sentence from its initrd, byte for byte.\n";

/* Read (or write) the byte at addr. Returns the signal that stopped it, or 0. */
static int try_access(volatile unsigned char *addr, bool write)
{
	return write ? probe_write(addr, 0xee) : probe_read(addr);
}

static void expect_sigbus(const char *name, unsigned char *base, unsigned long offset,
			  bool write)
{
	int sig = try_access(base + offset, write);

	printf("%s %s+%#lx: %s %s si_addr=%s+%#lx\n", write ? "write" : "read", name, offset,
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, probe_info.si_code) : "",
	       name, sig ? (unsigned long)((unsigned char *)probe_info.si_addr - base) : 0);
	CHECK_EQ(sig, SIGBUS);
	CHECK_EQ(probe_info.si_code, BUS_ADRERR);
	CHECK(probe_info.si_addr == base + offset, "si_addr %p, expected %p", probe_info.si_addr,
	      (void *)(base + offset));
}

static unsigned char *ro;

static int read_past_eof(void *arg)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	(void)arg;
	CHECK_EQ(sigaction(SIGBUS, &dfl, NULL), 0);
	return ro[PAGE + 1];
}

int main(void)
{
	int fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	unsigned char *rw, *beyond;
	unsigned long nonzero = 0;
	int status;

	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));
	ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(ro != MAP_FAILED, "mmap: %s", strerror(errno));
	rw = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(rw != MAP_FAILED, "writable mmap: %s", strerror(errno));
	beyond = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
	CHECK(beyond != MAP_FAILED, "mmap at offset 4096: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);

	CHECK(!memcmp(ro, sentence, FILE_SIZE), "page 0 does not hold the file");
	for (unsigned long i = FILE_SIZE; i < PAGE; i++)
		nonzero += ro[i] != 0;
	printf("page 0: the file's %lu bytes, then %lu bytes not zero\n", FILE_SIZE, nonzero);
	CHECK_EQ(nonzero, 0);

	rw[FILE_SIZE + 10] = 0x77; /* past the end of the file, but in its last page */
	printf("write to page 0 past the file's end: %#x, the other mapping: %#x\n",
	       rw[FILE_SIZE + 10], ro[FILE_SIZE + 10]);
	CHECK_EQ(rw[FILE_SIZE + 10], 0x77);
	CHECK_EQ(ro[FILE_SIZE + 10], 0);

	expect_sigbus("ro", ro, PAGE, false);
	expect_sigbus("ro", ro, PAGE + 0x123, false);
	expect_sigbus("ro", ro, 2 * PAGE - 1, false);
	expect_sigbus("rw", rw, PAGE + 8, true);
	expect_sigbus("rw", rw, PAGE + 0x800, false);
	expect_sigbus("beyond", beyond, 0, false);
	expect_sigbus("beyond", beyond, 0x3e, false);

	status = run_in_child(read_past_eof, NULL);
	printf("read past the end without a handler: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS, "%s", status_str(status));

	CHECK_EQ(munmap(ro, 2 * PAGE), 0);
	CHECK_EQ(munmap(rw, 2 * PAGE), 0);
	CHECK_EQ(munmap(beyond, PAGE), 0);
	return 0;
}
