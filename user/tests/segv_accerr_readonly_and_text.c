/* EXPECT: exit 0 */
/*
 * A write to memory that is mapped but not writable is SIGSEGV SEGV_ACCERR (a mapping
 * is there, it forbids the access) with si_addr the byte written, and the memory keeps
 * its contents: an anonymous PROT_READ page (never touched, and after a read mapped
 * it), a page made read-only by mprotect() after it was written, a PROT_READ private
 * mapping of a file, the program's read-only data, and the program's own text. Reads of
 * every one of them work.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

/*
 * A write to base + offset must fault with SEGV_ACCERR there and leave the byte be.
 * The byte is read first (a read is allowed) unless untouched says it must be a first
 * touch: then it is an anonymous page's, and zero.
 */
static void expect_accerr(const char *name, const volatile unsigned char *base,
			  unsigned long offset, bool untouched)
{
	volatile unsigned char *addr = (volatile unsigned char *)base + offset;
	unsigned char before = untouched ? 0 : *addr;
	int sig = probe_write(addr, (unsigned char)~before);

	printf("write %s+%#lx: %s %s si_addr=%s+%#lx, byte kept %d\n", name, offset,
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, probe_info.si_code) : "",
	       name, sig ? (unsigned long)probe_info.si_addr - (unsigned long)base : 0,
	       *addr == before);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_ACCERR);
	CHECK(probe_info.si_addr == (void *)addr, "si_addr %p, expected %p", probe_info.si_addr,
	      (void *)addr);
	CHECK_EQ(*addr, before);
}

static const char rodata_text[] = "read-only data";

int main(void)
{
	unsigned char *ro, *rw, *file;
	int fd;

	ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED, "mmap PROT_READ: %s", strerror(errno));
	expect_accerr("prot_read", ro, PAGE + 0x10, true); /* no page there yet */
	expect_accerr("prot_read", ro, 0x10, false); /* a read maps a page first */
	expect_accerr("prot_read", ro, PAGE - 1, false);

	rw = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(rw != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(rw, 0x5a, PAGE);
	CHECK_EQ(mprotect(rw, PAGE, PROT_READ), 0);
	expect_accerr("made_read_only", rw, 0x234, false);
	CHECK_EQ(rw[0], 0x5a);
	CHECK_EQ(rw[PAGE - 1], 0x5a);

	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));
	file = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(file != MAP_FAILED, "mmap of hello.txt: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	expect_accerr("hello_txt", file, 0, false);
	expect_accerr("hello_txt", file, 61, false);
	CHECK(!memcmp(file, "Faultline", 9), "the file mapping changed: %.9s", (char *)file);

	expect_accerr("rodata_text", (const unsigned char *)rodata_text, 5, false);
	expect_accerr("main", (const unsigned char *)main, 0, false);
	expect_accerr("probe_write", (const unsigned char *)probe_write, 3, false);

	CHECK_EQ(munmap(ro, 2 * PAGE), 0);
	CHECK_EQ(munmap(rw, PAGE), 0);
	CHECK_EQ(munmap(file, PAGE), 0);
	return 0;
}
