/* EXPECT: exit 0 */
/*
 * W^X in user space: the loader gives each PT_LOAD the permissions in its p_flags, and
 * the program headers ask for text R-X, rodata R--, data RW-. So text reads back, but a
 * store into text or rodata kills with SIGSEGV, and so does jumping into data, the
 * stack or an anonymous RW mapping.
 */
#include <check.h>
#include <elf.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/wait.h>

extern const Elf64_Ehdr __ehdr_start; /* the start of the text segment */

static const char rodata_string[] = "read-only";
static unsigned char data_code[64] __aligned(16); /* in .bss, the RW- segment */

static __noinline int returns_seven(void)
{
	return 7;
}

static void *target;

static int child_store(void *arg)
{
	(void)arg;
	*(volatile char *)target = 0;
	return 0;
}

/* Copy returns_seven's code to target and call it there: only possible if executable. */
static int child_jump(void *arg)
{
	(void)arg;
	memcpy(target, (const void *)returns_seven, 48);
	return ((int (*)(void))target)() == 7 ? 0 : 1;
}

static int child_stack_jump(void *arg)
{
	unsigned char on_stack[64] __aligned(16);

	target = on_stack;
	return child_jump(arg);
}

static void expect_segv(int (*fn)(void *), void *where, const char *what)
{
	int status;

	target = where;
	status = run_in_child(fn, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s: %s, expected SIGSEGV",
	      what, status_str(status));
}

/* The p_flags of the PT_LOAD that holds addr. */
static unsigned int flags_at(const void *addr)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long a = (unsigned long)addr;

	for (unsigned long i = 0; i < getauxval(AT_PHNUM); i++)
		if (ph[i].p_type == PT_LOAD && a >= ph[i].p_vaddr && a < ph[i].p_vaddr + ph[i].p_memsz)
			return ph[i].p_flags;
	CHECK(0, "no PT_LOAD holds %p", addr);
}

int main(void)
{
	void *anon;

	CHECK_EQ(flags_at((const void *)returns_seven), PF_R | PF_X);
	CHECK_EQ(flags_at(rodata_string), PF_R);
	CHECK_EQ(flags_at(data_code), PF_R | PF_W);
	CHECK(!memcmp(&__ehdr_start, "\177ELF", 4), "the ELF header in text does not read back");
	CHECK_EQ(returns_seven(), 7);

	expect_segv(child_store, (void *)returns_seven, "store into text");
	expect_segv(child_store, (void *)rodata_string, "store into rodata");
	expect_segv(child_jump, data_code, "jump into data");
	expect_segv(child_stack_jump, NULL, "jump into the stack");
	anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(anon != MAP_FAILED, "mmap: %s", strerror(errno));
	expect_segv(child_jump, anon, "jump into an RW mapping");
	return 0;
}
