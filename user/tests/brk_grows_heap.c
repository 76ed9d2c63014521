/* EXPECT: exit 0 */
/* Under qemu-user (not Linux) memory stays mapped when brk moves down; the test notes it and goes on. */
/*
 * The program break: brk(0) reports it (above the program's bss); moving it up gives
 * new memory that reads as zero and keeps writes; moving it down takes the memory away
 * (a touch then kills with SIGSEGV), and moving it up again gives fresh zeros; a break
 * below the start or absurdly high is refused (brk returns the old break). sbrk() agrees.
 */
#include <check.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define GROW 100000UL /* not a multiple of the page size on purpose */

extern char _end[]; /* the end of bss (the linker script) */

static unsigned long raw_brk(unsigned long addr)
{
	return (unsigned long)syscall6(__NR_brk, (long)addr, 0, 0, 0, 0, 0);
}

static volatile char *target;

static int child_touch(void *arg)
{
	(void)arg;
	*target = 1;
	return 0;
}

int main(void)
{
	unsigned long start = raw_brk(0), cur;
	char *heap = (char *)start;
	int status;

	CHECK(start >= (unsigned long)_end, "the break %#lx is below the end of bss %p", start,
	      (void *)_end);
	CHECK_EQ(raw_brk(0), start); /* asking does not move it */

	CHECK_EQ(raw_brk(start + GROW), start + GROW);
	for (unsigned long i = 0; i < GROW; i++)
		CHECK(heap[i] == 0, "new heap byte +%lu is %#x, not 0", i, heap[i]);
	memset(heap, 0x5a, GROW);
	CHECK(heap[GROW - 1] == 0x5a && heap[0] == 0x5a, "the heap did not keep writes");

	/* Down to one page: the rest goes away. */
	CHECK_EQ(raw_brk(start + 4096), start + 4096);
	CHECK(heap[0] == 0x5a, "the heap page that stayed lost its contents");
	target = heap + 50000;
	status = run_in_child(child_touch, NULL);
	if (under_qemu_user() && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		note("qemu-user: memory given back by brk stays mapped");
		memset(heap + 4096, 0, GROW - 4096);
	} else {
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		      "touching memory given back by brk: %s, expected SIGSEGV", status_str(status));
	}
	CHECK_EQ(raw_brk(start + GROW), start + GROW);
	CHECK(heap[50000] == 0, "memory given back and taken again is not zero");

	/* Refused: the answer is the break as it was. */
	cur = raw_brk(0);
	CHECK_EQ(raw_brk(start - 1000 * 4096), cur);
	CHECK_EQ(raw_brk(start + (1UL << 40)), cur);
	CHECK_EQ(raw_brk(0), cur);

	/* The libc view. */
	CHECK(sbrk(0) == (void *)cur, "sbrk(0) is %p, the break is %#lx", sbrk(0), cur);
	CHECK(sbrk(8192) == (void *)cur, "sbrk(8192) did not return the old break");
	CHECK(sbrk(0) == (void *)(cur + 8192), "sbrk(8192) did not move the break");
	((char *)cur)[8191] = 1;
	CHECK_EQ(brk((void *)start), 0);
	CHECK_EQ(raw_brk(0), start);
	return 0;
}
