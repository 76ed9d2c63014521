/* EXPECT: exit 0 */
/*
 * A file in /tmp mapped MAP_SHARED by two processes (a child that opens and maps it by
 * itself, not inheriting the parent's mapping): each sees the other's stores, and the
 * file's bytes (read() after both unmapped) hold them. A mapping keeps the file alive
 * after unlink and close: the data is still there through it.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static char path[64];
static int to_child[2], to_parent[2];

static void sync_byte(int rfd, int wfd, char c)
{
	char got = 0;

	if (wfd >= 0)
		CHECK_EQ(write(wfd, &c, 1), 1);
	if (rfd >= 0) {
		CHECK_EQ(read(rfd, &got, 1), 1);
		CHECK_EQ(got, c);
	}
}

static int child(void)
{
	int fd = open(path, O_RDWR);
	unsigned char *m;

	CHECK(fd >= 0, "open %s", path);
	m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "child mmap");
	CHECK_EQ(close(fd), 0);
	sync_byte(to_child[0], -1, 'a');   /* the parent has stored */
	CHECK(memcmp(m, "parent", 7) == 0, "child does not see the parent's store");
	memcpy(m + PAGE + 1, "child", 6);
	sync_byte(-1, to_parent[1], 'b');
	CHECK_EQ(munmap(m, 2 * PAGE), 0);
	return 0;
}

int main(void)
{
	unsigned char *m;
	char buf[8];
	int fd, status;
	pid_t pid;

	snprintf(path, sizeof(path), "/tmp/map_shared_two.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0, "open %s", path);
	CHECK_EQ(ftruncate(fd, 2 * PAGE), 0);
	m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(to_parent), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		CHECK_EQ(munmap(m, 2 * PAGE), 0); /* the child uses a mapping of its own */
		_exit(child());
	}
	memcpy(m, "parent", 7);
	sync_byte(-1, to_child[1], 'a');
	sync_byte(to_parent[0], -1, 'b');   /* the child has stored */
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	CHECK(memcmp(m + PAGE + 1, "child", 6) == 0, "parent does not see the child's store");
	CHECK_EQ(pread(fd, buf, 6, PAGE + 1), 6);
	CHECK(memcmp(buf, "child", 6) == 0, "the file does not hold the child's store");

	/* Unlinked and closed, the mapping still holds the file. */
	CHECK_EQ(unlink(path), 0);
	CHECK_EQ(close(fd), 0);
	CHECK(memcmp(m, "parent", 7) == 0, "data gone after unlink");
	m[2 * PAGE - 1] = 7;
	CHECK_EQ(m[2 * PAGE - 1], 7);
	CHECK_EQ(munmap(m, 2 * PAGE), 0);
	printf("tmpfs MAP_SHARED: two processes see each other\n");
	return 0;
}
