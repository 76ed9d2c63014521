/* EXPECT: exit 0 */
/*
 * The uid/gid calls, with Linux's rules. A process starts as root (every id 0), which
 * may set any id; once none of its uids is 0 it is an ordinary user for good, which may
 * only move among the ids it has. Checked, each in a child of its own:
 *
 *   - get*id/getres*id all 0; setuid(-1), setgid(-1): EINVAL;
 *   - setgroups() keeps the groups sorted, getgroups(0) counts them, a list too small is
 *     EINVAL, a negative size EINVAL, setgroups() of more than 65536: EINVAL;
 *   - root's setresuid(1000, 1000, 1000): then setuid(0), setgroups(), setresgid(7,...)
 *     are EPERM, setuid(1000) works and changes nothing, setfsuid() returns the old one;
 *   - root's setresuid(1000, 1000, 0) keeps the saved 0: seteuid(0) (setreuid(-1, 0)) is
 *     allowed and makes it root again, so setuid(5) then sets all three;
 *   - unprivileged setreuid(r, e): the saved uid follows the effective one when the real
 *     one is set.
 * difftest runs this as root on Linux (it must, to match).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void check_uids(uid_t r, uid_t e, uid_t s)
{
	uid_t gr = 99, ge = 99, gs = 99;

	CHECK_EQ(getresuid(&gr, &ge, &gs), 0);
	CHECK(gr == r && ge == e && gs == s, "uids %u %u %u, expected %u %u %u", gr, ge, gs, r, e, s);
	CHECK_EQ(getuid(), r);
	CHECK_EQ(geteuid(), e);
}

static int root_ids(void *arg)
{
	gid_t r = 99, e = 99, s = 99;

	(void)arg;
	check_uids(0, 0, 0);
	CHECK_EQ(getgid(), 0);
	CHECK_EQ(getegid(), 0);
	CHECK_EQ(getresgid(&r, &e, &s), 0);
	CHECK(r == 0 && e == 0 && s == 0, "gids %u %u %u", r, e, s);
	CHECK_ERR(setuid((uid_t)-1) ? -errno : 0, EINVAL);
	CHECK_ERR(setgid((gid_t)-1) ? -errno : 0, EINVAL);
	CHECK_EQ(setgid(0), 0);
	CHECK_EQ(setuid(0), 0);
	return 0;
}

static int groups(void *arg)
{
	gid_t set[] = { 30, 10, 20 }, got[8] = { 0 };

	(void)arg;
	CHECK_EQ(setgroups(3, set), 0);
	CHECK_EQ(getgroups(0, NULL), 3);
	CHECK_EQ(getgroups(8, got), 3);
	CHECK(got[0] == 10 && got[1] == 20 && got[2] == 30, "groups %u %u %u", got[0], got[1], got[2]);
	CHECK_ERR(getgroups(2, got) < 0 ? -errno : 0, EINVAL);
	CHECK_ERR(getgroups(-1, got) < 0 ? -errno : 0, EINVAL);
	CHECK_ERR(setgroups(65537, set) < 0 ? -errno : 0, EINVAL);
	CHECK_EQ(setgroups(0, NULL), 0);
	CHECK_EQ(getgroups(0, NULL), 0);
	return 0;
}

static int drop_for_good(void *arg)
{
	gid_t one = 5;

	(void)arg;
	CHECK_EQ(setresgid(100, 100, 100), 0);
	CHECK_EQ(setresuid(1000, 1000, 1000), 0);
	check_uids(1000, 1000, 1000);
	CHECK_ERR(setuid(0) ? -errno : 0, EPERM);
	CHECK_ERR(setresuid(0, (uid_t)-1, (uid_t)-1) ? -errno : 0, EPERM);
	CHECK_ERR(setgroups(1, &one) ? -errno : 0, EPERM);
	CHECK_ERR(setresgid(7, 7, 7) ? -errno : 0, EPERM);
	CHECK_ERR(setgid(0) ? -errno : 0, EPERM);
	CHECK_EQ(setgid(100), 0);
	CHECK_EQ(setuid(1000), 0);
	CHECK_EQ(setresuid((uid_t)-1, (uid_t)-1, (uid_t)-1), 0);
	check_uids(1000, 1000, 1000);
	CHECK_EQ(syscall6(__NR_setfsuid, 0, 0, 0, 0, 0, 0), 1000); /* refused, says the old */
	CHECK_EQ(syscall6(__NR_setfsuid, 1000, 0, 0, 0, 0, 0), 1000);
	return 0;
}

static int saved_root(void *arg)
{
	(void)arg;
	CHECK_EQ(setresuid(1000, 1000, 0), 0);
	check_uids(1000, 1000, 0);
	CHECK_ERR(setresuid(2000, (uid_t)-1, (uid_t)-1) ? -errno : 0, EPERM);
	CHECK_EQ(setreuid((uid_t)-1, 0), 0); /* seteuid(0): back to the saved uid */
	check_uids(1000, 0, 0);
	CHECK_EQ(setuid(5), 0); /* root again: all three */
	check_uids(5, 5, 5);
	return 0;
}

static int reuid_rules(void *arg)
{
	(void)arg;
	CHECK_EQ(setresuid(1, 2, 3), 0);
	CHECK_ERR(setreuid(3, (uid_t)-1) ? -errno : 0, EPERM); /* real: only real or effective */
	CHECK_EQ(setreuid(2, 3), 0); /* effective may be the saved one; saved follows it */
	check_uids(2, 3, 3);
	CHECK_EQ(setreuid((uid_t)-1, 2), 0); /* effective = real: saved stays */
	check_uids(2, 2, 3);
	return 0;
}

int main(void)
{
	int (*steps[])(void *) = { root_ids, groups, drop_for_good, saved_root, reuid_rules };

	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		int status = run_in_child(steps[i], NULL);

		CHECK(status == 0, "step %zu: %s", i, status_str(status));
	}
	return 0;
}
