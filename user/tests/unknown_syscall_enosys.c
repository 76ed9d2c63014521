/* EXPECT: exit 0 */
/*
 * A system call number the kernel does not have returns -ENOSYS, whatever the arguments,
 * and the program carries on: 1000, -1, a large positive number, and the first number
 * past the table in asm/unistd.h (under Faultline only: on Linux that one is a real call).
 */
#include <check.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	static const long numbers[] = { 1000, -1, 0x7fffffff, 4096, -1000 };
	pid_t self = getpid();

	for (unsigned long i = 0; i < ARRAY_SIZE(numbers); i++) {
		long r = syscall6(numbers[i], 1, 2, 3, 4, 5, 6);

		CHECK(r == -ENOSYS, "system call %ld returned %ld, expected -ENOSYS (-38)",
		      numbers[i], r);
	}
	if (on_faultline())
		CHECK_ERR(syscall6(NR_SYSCALLS, 0, 0, 0, 0, 0, 0), ENOSYS);
	CHECK_EQ(getpid(), self); /* the kernel still answers */
	return 0;
}
