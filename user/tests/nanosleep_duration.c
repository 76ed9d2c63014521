/* EXPECT: exit 0 */
/*
 * Time: nanosleep(50 ms) takes at least 50 ms of CLOCK_MONOTONIC (and not absurdly
 * more), a zero sleep returns at once, malformed times give EINVAL; CLOCK_MONOTONIC
 * never goes backwards and has a resolution well under a tick; CLOCK_REALTIME can be
 * read; an unknown clock gives EINVAL.
 */
#include <check.h>
#include <sys/syscall.h>
#include <time.h>

#define MS 1000000L

int main(void)
{
	struct timespec req = { 0, 50 * MS }, ts;
	long before, after, prev, distinct = 0;

	before = now_ns();
	CHECK_EQ(nanosleep(&req, NULL), 0);
	after = now_ns();
	CHECK(after - before >= 50 * MS, "nanosleep(50 ms) returned after %ld us",
	      (after - before) / 1000);
	CHECK(after - before < 5000 * MS, "nanosleep(50 ms) took %ld ms", (after - before) / MS);

	req = (struct timespec){ 0, 0 };
	CHECK_EQ(nanosleep(&req, NULL), 0);
	req = (struct timespec){ 0, 1000000000L };
	CHECK_ERR(syscall6(__NR_nanosleep, (long)&req, 0, 0, 0, 0, 0), EINVAL);
	req = (struct timespec){ -1, 0 };
	CHECK_ERR(syscall6(__NR_nanosleep, (long)&req, 0, 0, 0, 0, 0), EINVAL);
	req = (struct timespec){ 0, -1 };
	CHECK_ERR(syscall6(__NR_nanosleep, (long)&req, 0, 0, 0, 0, 0), EINVAL);

	prev = now_ns();
	for (int i = 0; i < 1000; i++) {
		long t = now_ns();

		CHECK(t >= prev, "CLOCK_MONOTONIC went back from %ld to %ld", prev, t);
		distinct += t != prev;
		prev = t;
	}
	CHECK(distinct > 10, "1000 reads of CLOCK_MONOTONIC gave only %ld changes", distinct);

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L, "tv_nsec %ld out of range", ts.tv_nsec);
	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0);
	CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L, "tv_nsec %ld out of range", ts.tv_nsec);
	CHECK_ERR(syscall6(__NR_clock_gettime, 1000, (long)&ts, 0, 0, 0, 0), EINVAL);
	return 0;
}
