/* EXPECT: exit 0 */
/* LINUX-VM: qemu-riscv64 has no userfaultfd, and a host may refuse it */
/*
 * The first thing a pager does with a userfaultfd: the UFFDIO_API handshake (Linux's
 * fs/userfaultfd.c, userfaultfd_api(); Documentation/admin-guide/mm/userfaultfd.rst).
 * userfaultfd(O_CLOEXEC | O_NONBLOCK) gives a descriptor; UFFDIO_API with api = UFFD_API
 * (0xAA) and no features succeeds and reports in ioctls at least REGISTER, UNREGISTER
 * and API; the handshake is made once: a second UFFDIO_API on the same descriptor is
 * EINVAL; and 0xAB is no API version there is: EINVAL on a fresh descriptor.
 * One line a check.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* What UFFDIO_API must report for any descriptor, whatever the features. */
#define BASIC_IOCTLS ((1ULL << _UFFDIO_REGISTER) | (1ULL << _UFFDIO_UNREGISTER) | \
		      (1ULL << _UFFDIO_API))

/* UFFDIO_API on fd asking for api and no feature; 0 or errno. */
static int api_handshake(int fd, unsigned long long api, struct uffdio_api *out)
{
	memset(out, 0, sizeof(*out));
	out->api = api;
	return ioctl(fd, UFFDIO_API, out) == 0 ? 0 : errno;
}

int main(void)
{
	struct uffdio_api api;
	int fd, fresh, err;

	fd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	CHECK(fd >= 0, "userfaultfd(O_CLOEXEC | O_NONBLOCK): %s", strerror(errno));
	printf("userfaultfd(O_CLOEXEC | O_NONBLOCK): a descriptor\n");

	err = api_handshake(fd, UFFD_API, &api);
	CHECK(err == 0, "UFFDIO_API 0xAA: %s", strerror(err));
	printf("UFFDIO_API api 0xAA features 0: ok\n");
	/* Which features differs (Linux 6.12 riscv64 has no WP ones): a note, not a check. */
	note("features %#llx ioctls %#llx", (unsigned long long)api.features,
	     (unsigned long long)api.ioctls);
	CHECK((api.ioctls & BASIC_IOCTLS) == BASIC_IOCTLS,
	      "UFFDIO_API reports ioctls %#llx, without all of REGISTER, UNREGISTER, API (%#llx)",
	      (unsigned long long)api.ioctls, BASIC_IOCTLS);
	printf("ioctls has REGISTER, UNREGISTER and API\n");

	err = api_handshake(fd, UFFD_API, &api);
	CHECK(err == EINVAL, "a second UFFDIO_API: %s, expected EINVAL", err ? strerror(err) : "ok");
	printf("a second UFFDIO_API: EINVAL\n");

	fresh = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	CHECK(fresh >= 0, "a second userfaultfd(): %s", strerror(errno));
	err = api_handshake(fresh, 0xAB, &api);
	CHECK(err == EINVAL, "UFFDIO_API 0xAB: %s, expected EINVAL", err ? strerror(err) : "ok");
	printf("UFFDIO_API api 0xAB: EINVAL\n");

	close(fresh);
	close(fd);
	return 0;
}
