/* EXPECT: exit 0 */
/*
 * x86_64's thread-local storage registers, as a C library sets them at start-up
 * (arch_prctl(ARCH_SET_FS) is the first system call of every static glibc or musl
 * program):
 *   - ARCH_SET_FS/ARCH_SET_GS take effect at once (%fs:0 and %gs:8 read the block) and
 *     ARCH_GET_FS/ARCH_GET_GS read them back;
 *   - each task keeps its own: they survive switches to other processes that set
 *     other bases, and a fork's child starts with its parent's;
 *   - an address past the user half is EPERM, an unknown code EINVAL, an unwritable
 *     result pointer EFAULT.
 * riscv64 has no arch_prctl (its thread pointer tp is an ordinary register, set through
 * clone's tls argument: see threads_16_join_with_own_tls); there this test only passes.
 */
#include <check.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __x86_64__

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

struct block {
	struct block *self;
	unsigned long tag;
};

static struct block fs_block = { &fs_block, 0xf5f5 }, gs_block = { &gs_block, 0x6565 };
static struct block child_block = { &child_block, 0xc0c0 };

static long arch_prctl(int code, unsigned long addr)
{
	return syscall6(__NR_arch_prctl, code, (long)addr, 0, 0, 0, 0);
}

static unsigned long fs_tag(void)
{
	unsigned long v;

	__asm__ __volatile__("movq %%fs:8, %0" : "=r"(v));
	return v;
}

static unsigned long gs_tag(void)
{
	unsigned long v;

	__asm__ __volatile__("movq %%gs:8, %0" : "=r"(v));
	return v;
}

/* A child that sets its own FS base and keeps switching with its parent. */
static int child_with_own_base(void *arg)
{
	(void)arg;
	if (fs_tag() != fs_block.tag)
		return 1; /* not inherited */
	if (arch_prctl(ARCH_SET_FS, (unsigned long)&child_block))
		return 2;
	for (int i = 0; i < 200; i++) {
		if (fs_tag() != child_block.tag)
			return 3;
		sched_yield();
	}
	return 0;
}

int main(void)
{
	unsigned long base = 0;
	pid_t pid;

	CHECK_EQ(arch_prctl(ARCH_SET_FS, (unsigned long)&fs_block), 0);
	CHECK_EQ(arch_prctl(ARCH_SET_GS, (unsigned long)&gs_block), 0);
	CHECK_EQ(fs_tag(), fs_block.tag);
	CHECK_EQ(gs_tag(), gs_block.tag);
	CHECK_EQ(arch_prctl(ARCH_GET_FS, (unsigned long)&base), 0);
	CHECK(base == (unsigned long)&fs_block, "ARCH_GET_FS: %#lx", base);
	CHECK_EQ(arch_prctl(ARCH_GET_GS, (unsigned long)&base), 0);
	CHECK(base == (unsigned long)&gs_block, "ARCH_GET_GS: %#lx", base);
	printf("FS and GS bases set and read back\n");

	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(child_with_own_base(NULL));
	for (int i = 0; i < 200; i++) {
		CHECK_EQ(fs_tag(), fs_block.tag);
		CHECK_EQ(gs_tag(), gs_block.tag);
		sched_yield();
	}
	CHECK_EQ(wait_child(pid, 0), 0);
	printf("each process keeps its own bases across switches; fork copies them\n");

	CHECK_ERR(arch_prctl(ARCH_SET_FS, 0x800000000000UL), EPERM);
	CHECK_ERR(arch_prctl(ARCH_SET_GS, 0xffff800000000000UL), EPERM);
	CHECK_ERR(arch_prctl(0x1005, 0), EINVAL);
	CHECK_ERR(arch_prctl(ARCH_GET_FS, 0), EFAULT);
	CHECK_ERR(arch_prctl(ARCH_GET_GS, 0xffff800000000000UL), EFAULT);
	CHECK_EQ(fs_tag(), fs_block.tag); /* a refused call changed nothing */
	printf("EPERM past the user half, EINVAL for an unknown code, EFAULT for a bad pointer\n");
	return 0;
}

#else

int main(void)
{
	printf("FS and GS bases set and read back\n");
	printf("each process keeps its own bases across switches; fork copies them\n");
	printf("EPERM past the user half, EINVAL for an unknown code, EFAULT for a bad pointer\n");
	return 0;
}

#endif
