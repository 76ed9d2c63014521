/* EXPECT: exit 0 */
/* Under qemu-user on a host without binfmt_misc, execve of a riscv64 program fails with ENOEXEC; the test then runs it through /usr/bin/qemu-riscv64 instead. */
/*
 * execve() closes the descriptors marked FD_CLOEXEC and keeps the others, each with
 * FD_CLOEXEC clear, sharing the same open files. Before exec: a pipe from pipe2
 * (O_CLOEXEC), a plain pipe, a dup3(O_CLOEXEC) copy of its write end, and a file opened
 * O_CLOEXEC whose flag fcntl(F_SETFD, 0) then clears. The program execs itself with the
 * descriptor numbers as arguments; the new image checks which are open (fcntl F_GETFD:
 * EBADF or 0), reads the file at the position the old image left, and writes a verdict
 * into the surviving pipe, which the parent reads.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int arg(char **argv, int i)
{
	return atoi(argv[i]);
}

/* The exec'd image: argv = { name, "after-exec", gone1, gone2, gone3, kept_w, file }. */
static int after_exec(char **argv)
{
	int kept_w = arg(argv, 5), file = arg(argv, 6);
	char c = 0;

	for (int i = 2; i <= 4; i++)
		CHECK_ERR(syscall6(__NR_fcntl, arg(argv, i), F_GETFD, 0, 0, 0, 0), EBADF);
	CHECK_EQ(fcntl(kept_w, F_GETFD), 0);
	CHECK_EQ(fcntl(file, F_GETFD), 0);
	CHECK_EQ(lseek(file, 0, SEEK_CUR), 1);
	CHECK_EQ(read(file, &c, 1), 1);
	CHECK_EQ(write(kept_w, "ok", 2), 2);
	return 0;
}

int main(int argc, char **argv)
{
	int cloexec_pipe[2], plain[2], copy, file, status;
	char num[5][12], buf[4];
	pid_t child;

	if (argc == 7 && !strcmp(argv[1], "after-exec"))
		return after_exec(argv);

	CHECK_EQ(pipe2(cloexec_pipe, O_CLOEXEC), 0);
	CHECK_EQ(fcntl(cloexec_pipe[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(cloexec_pipe[1], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(pipe(plain), 0);
	copy = dup3(plain[1], 30, O_CLOEXEC);
	CHECK_EQ(copy, 30);
	file = open(rootpath("/data/hello.txt"), O_RDONLY | O_CLOEXEC);
	CHECK(file >= 0, "open: %s", strerror(errno));
	CHECK_EQ(fcntl(file, F_SETFD, 0), 0);
	CHECK_EQ(lseek(file, 1, SEEK_SET), 1);

	snprintf(num[0], sizeof(num[0]), "%d", cloexec_pipe[0]);
	snprintf(num[1], sizeof(num[1]), "%d", cloexec_pipe[1]);
	snprintf(num[2], sizeof(num[2]), "%d", copy);
	snprintf(num[3], sizeof(num[3]), "%d", plain[1]);
	snprintf(num[4], sizeof(num[4]), "%d", file);
	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		char *args[] = { argv[0], "after-exec", num[0], num[1], num[2], num[3], num[4], NULL };

		const char *path = rootpath("/tests/close_on_exec_across_execve");

		close(plain[0]);
		execve(path, args, NULL);
		if (errno == ENOEXEC && !on_faultline()) {
			static char qemu[96];
			struct utsname u;

			uname(&u);
			snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
			char *qargv[] = { qemu, "-0", argv[0], (char *)path, args[1], num[0], num[1],
					  num[2], num[3], num[4], NULL };

			execve(qemu, qargv, NULL);
		}
		_exit(98);
	}
	CHECK_EQ(close(plain[1]), 0);
	CHECK_EQ(close(copy), 0);
	CHECK_EQ(read(plain[0], buf, sizeof(buf)), 2);
	CHECK(!memcmp(buf, "ok", 2), "the new image said something else");
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	CHECK_EQ(lseek(file, 0, SEEK_CUR), 2); /* the new image's read moved our position */
	return 0;
}
