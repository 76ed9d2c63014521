/* EXPECT: exit 0 */
/*
 * madvise(MADV_HWPOISON) reaches each page the way the kernel's own read of it would
 * (Linux: get_user_pages), so a PROT_NONE page is EFAULT, and the call stops there. On
 * a 64 GiB PROT_NONE mapping that is immediate: nothing is faulted in, nothing
 * poisoned, no page table allocated for the range (MemFree unchanged under Faultline;
 * mincore() still says "not resident"), and fork() works afterwards.
 *
 * On Linux this needs CAP_SYS_ADMIN (EPERM without) and CONFIG_MEMORY_FAILURE (EINVAL
 * without), and poisons nothing, since the first page already fails; the test excuses
 * those two refusals there. qemu-user ignores the advice.
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define LEN  (64UL << 30)

static int child_exits(void *arg)
{
	(void)arg;
	return 5;
}

int main(void)
{
	unsigned char *area = mmap(NULL, LEN, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long free_before, free_after, ret;
	unsigned char vec[4] = { 0xee, 0xee, 0xee, 0xee };
	int err, status;

	CHECK(area != MAP_FAILED, "mmap 64 GiB PROT_NONE: %s", strerror(errno));
	free_before = meminfo_kb("MemFree");
	ret = madvise(area, LEN, MADV_HWPOISON);
	err = ret ? errno : 0;
	free_after = meminfo_kb("MemFree");
	if ((err == EPERM || err == EINVAL) && !on_faultline()) {
		/* EINVAL: a kernel built without CONFIG_MEMORY_FAILURE does not know the advice. */
		note("this Linux refuses MADV_HWPOISON itself: %s", strerror(err));
		err = EFAULT;
	} else if (err == 0 && under_qemu_user()) {
		note("qemu-user ignores MADV_HWPOISON");
		err = EFAULT;
	}
	printf("MADV_HWPOISON over 64 GiB of PROT_NONE: %s\n", err ? strerror(err) : "0");
	CHECK_EQ(err, EFAULT);
	if (on_faultline()) {
		note("MemFree %ld kB, then %ld kB", free_before, free_after);
		CHECK(free_before - free_after < 64, "MemFree fell by %ld kB",
		      free_before - free_after);
	}
	if (mincore(area, 4 * PAGE, vec) && under_qemu_user() && errno == ENOMEM) {
		note("qemu-user: mincore() of a PROT_NONE page fails with ENOMEM");
		memset(vec, 0, sizeof(vec));
	}
	printf("first pages resident: %d%d%d%d\n", vec[0] & 1, vec[1] & 1, vec[2] & 1, vec[3] & 1);
	CHECK(!((vec[0] | vec[1] | vec[2] | vec[3]) & 1), "a page became resident");
	status = run_in_child(child_exits, NULL);
	printf("fork afterwards: child %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "%s", status_str(status));
	CHECK_EQ(munmap(area, LEN), 0);
	return 0;
}
