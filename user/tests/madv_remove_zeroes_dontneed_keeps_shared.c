/* EXPECT: exit 0 */
/*
 * madvise() on shared memory. MADV_DONTNEED drops this mapping's pages only: the data
 * stays in the shared object, and touching the range again reads what was written (in
 * private anonymous memory the same call gives zeros). MADV_REMOVE frees the backing:
 * the range reads as zeros afterwards in every mapping, and through read() of a memfd.
 * Errors as Linux's: MADV_REMOVE on private anonymous memory is EINVAL, on a private
 * file mapping or a shared mapping of a read-only descriptor EACCES; a shared anonymous
 * mapping that is only PROT_READ may still be removed (it may be made writable).
 * (qemu-user's madvise() does nothing for MADV_REMOVE and says 0: those checks are
 * skipped there, with a note.)
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static long adv(void *addr, size_t len, int advice)
{
	return madvise(addr, len, advice) ? -errno : 0;
}

/* Does madvise(MADV_REMOVE) reach a kernel here? Not under qemu-user. */
static bool remove_works(void)
{
	static bool noted;

	if (!under_qemu_user())
		return true;
	if (!noted)
		note("qemu-user ignores MADV_REMOVE: its effects and errors are not checked");
	noted = true;
	return false;
}

int main(void)
{
	unsigned char *s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	unsigned char *priv = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *ro_shared, *file_priv, *m1, *m2, *sro;
	int fd = memfd_create("remove", 0), ro, status;
	unsigned char buf[4];
	pid_t pid;

	CHECK(s != MAP_FAILED && priv != MAP_FAILED && fd >= 0, "setup");
	memset(s, 7, 2 * PAGE);
	priv[0] = 7;
	CHECK_EQ(adv(s, 2 * PAGE, MADV_DONTNEED), 0);
	CHECK_EQ(adv(priv, PAGE, MADV_DONTNEED), 0);
	CHECK_EQ(s[PAGE + 3], 7);
	CHECK_EQ(priv[0], 0);

	/* DONTNEED in a child does not take the data from the parent. */
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		CHECK_EQ(adv(s, 2 * PAGE, MADV_DONTNEED), 0);
		_exit(s[0] == 7 ? 0 : 1);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	CHECK_EQ(s[0], 7);

	/* REMOVE: zeros, in a child's view too. */
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		CHECK_EQ(adv(s + PAGE, PAGE, MADV_REMOVE), 0);
		_exit(0);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	CHECK_EQ(s[0], 7);
	if (remove_works()) {
		CHECK_EQ(s[PAGE], 0);
		CHECK_EQ(s[2 * PAGE - 1], 0);
	}

	/* A memfd mapped twice: REMOVE through one, zeros through the other and read(). */
	CHECK_EQ(ftruncate(fd, 2 * PAGE), 0);
	m1 = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	m2 = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m1 != MAP_FAILED && m2 != MAP_FAILED, "mmap memfd");
	memset(m1, 9, 2 * PAGE);
	CHECK_EQ(adv(m2, PAGE, MADV_REMOVE), 0);
	CHECK_EQ(m1[PAGE], 9);
	CHECK_EQ(pread(fd, buf, 4, 0), 4);
	if (remove_works()) {
		CHECK_EQ(m1[5], 0);
		CHECK_EQ(buf[0] | buf[1] | buf[2] | buf[3], 0);
		CHECK_ERR(adv(priv, PAGE, MADV_REMOVE), EINVAL);
	}
	ro = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(ro >= 0, "open hello.txt");
	file_priv = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	ro_shared = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
	sro = mmap(NULL, PAGE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(file_priv != MAP_FAILED && ro_shared != MAP_FAILED && sro != MAP_FAILED, "mmap");
	if (remove_works()) {
		CHECK_ERR(adv(file_priv, PAGE, MADV_REMOVE), EACCES);
		CHECK_ERR(adv(ro_shared, PAGE, MADV_REMOVE), EACCES);
	}
	CHECK_EQ(ro_shared[0], 'F');
	CHECK_EQ(adv(sro, PAGE, MADV_REMOVE), 0);
	printf("MADV_DONTNEED keeps shared data, MADV_REMOVE zeroes it\n");
	return 0;
}
