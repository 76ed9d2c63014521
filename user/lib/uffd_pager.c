/* A small user-space pager on userfaultfd, for the tests (see uffd_pager.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <uffd_pager.h>
#include <time.h>
#include <unistd.h>

long uffd_ioctl(int uffd, unsigned long request, void *arg)
{
	return syscall6(__NR_ioctl, uffd, (long)request, (long)arg, 0, 0, 0);
}

long uffd_read_msg(int uffd, int timeout_ms, struct uffd_msg *msg)
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };
	struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000L };
	long n = syscall6(__NR_ppoll, (long)&pfd, 1, timeout_ms < 0 ? 0 : (long)&ts, 0, 0, 0);

	if (n < 0)
		return n;
	if (n == 0)
		return -ETIMEDOUT;
	if (pfd.revents != POLLIN)
		return -EIO;
	n = syscall6(__NR_read, uffd, (long)msg, sizeof(*msg), 0, 0, 0);
	return n < 0 ? n : n == (long)sizeof(*msg) ? 0 : -EIO;
}

int uffd_open(int flags, u64 features)
{
	struct uffdio_api api = { .api = UFFD_API, .features = features };
	long fd = syscall6(__NR_userfaultfd, flags, 0, 0, 0, 0, 0);
	long err;

	if (fd < 0)
		return (int)fd;
	err = uffd_ioctl((int)fd, UFFDIO_API, &api);
	if (err < 0) {
		syscall6(__NR_close, fd, 0, 0, 0, 0, 0);
		return (int)err;
	}
	return (int)fd;
}

long uffd_register(int uffd, const void *start, unsigned long len, u64 mode, u64 *ioctls)
{
	struct uffdio_register reg = {
		.range = { .start = (unsigned long)start, .len = len },
		.mode = mode,
	};
	long err = uffd_ioctl(uffd, UFFDIO_REGISTER, &reg);

	if (ioctls)
		*ioctls = reg.ioctls;
	return err;
}

long uffd_unregister(int uffd, const void *start, unsigned long len)
{
	struct uffdio_range range = { .start = (unsigned long)start, .len = len };

	return uffd_ioctl(uffd, UFFDIO_UNREGISTER, &range);
}

long uffd_wake(int uffd, const void *start, unsigned long len)
{
	struct uffdio_range range = { .start = (unsigned long)start, .len = len };

	return uffd_ioctl(uffd, UFFDIO_WAKE, &range);
}

long uffd_copy(int uffd, void *dst, const void *src, unsigned long len, u64 mode, s64 *out)
{
	struct uffdio_copy copy = {
		.dst = (unsigned long)dst,
		.src = (unsigned long)src,
		.len = len,
		.mode = mode,
	};
	long err = uffd_ioctl(uffd, UFFDIO_COPY, &copy);

	if (out)
		*out = copy.copy;
	return err;
}

long uffd_zeropage(int uffd, void *dst, unsigned long len, u64 mode, s64 *out)
{
	struct uffdio_zeropage zero = {
		.range = { .start = (unsigned long)dst, .len = len },
		.mode = mode,
	};
	long err = uffd_ioctl(uffd, UFFDIO_ZEROPAGE, &zero);

	if (out)
		*out = zero.zeropage;
	return err;
}

char task_state(int tid)
{
	char path[32], text[256];
	long fd, n;
	char *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", tid);
	fd = syscall6(__NR_openat, AT_FDCWD, (long)path, O_RDONLY | O_CLOEXEC, 0, 0, 0);
	if (fd < 0)
		return 0;
	n = syscall6(__NR_read, fd, (long)text, sizeof(text) - 1, 0, 0, 0);
	syscall6(__NR_close, fd, 0, 0, 0, 0, 0);
	if (n <= 0)
		return 0;
	text[n] = 0;
	/* "tid (comm) S ...": the state follows the last ')' (comm may hold one). */
	p = strrchr(text, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000 };

	syscall6(__NR_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
}

char wait_task_sleeping(int tid)
{
	char state = 0;

	for (int i = 0; i < 10000; i++) {
		state = task_state(tid);
		if (state == 'S' || state == 'D')
			break;
		sleep_ms(1);
	}
	return state;
}

int wait_flag(volatile int *flag)
{
	for (int i = 0; i < 10000 && !*flag; i++)
		sleep_ms(1);
	return *flag;
}

static int faulter_main(void *arg)
{
	struct uffd_faulter *f = arg;

	f->started = 1;
	if (f->write)
		*f->addr = 0x5a;
	else
		f->seen = *f->addr;
	f->done = 1;
	return 0;
}

long uffd_faulter_start(struct uffd_faulter *f, volatile unsigned char *addr, int write)
{
	f->addr = addr;
	f->write = write;
	f->started = f->done = 0;
	f->seen = 0;
	return thread_create(&f->thread, faulter_main, f, NULL);
}

/* Answer one message; 0, or -errno to stop the pager. */
static long pager_serve(struct uffd_pager *p, const struct uffd_msg *msg)
{
	unsigned long page;
	long err;

	if (msg->event != UFFD_EVENT_PAGEFAULT)
		return -22; /* EINVAL: no other event was asked for */
	p->nr_msgs++;
	page = msg->arg.pagefault.address & ~(UFFD_PAGE_SIZE - 1);
	p->fill(page, p->buf, p->fill_arg);
	err = uffd_copy(p->uffd, (void *)page, p->buf, UFFD_PAGE_SIZE, 0, NULL);
	if (err == -17) /* EEXIST: another message for the page already filled it */
		p->nr_exist++;
	else if (err < 0)
		return err;
	else
		p->nr_copied++;
	return 0;
}

static int pager_main(void *arg)
{
	struct uffd_pager *p = arg;
	struct uffd_msg msg;

	while (!p->max_faults || p->nr_copied + p->nr_exist < p->max_faults) {
		struct pollfd fds[2] = {
			{ .fd = p->uffd, .events = POLLIN },
			{ .fd = p->stop_pipe[0], .events = POLLIN },
		};
		long n = syscall6(__NR_ppoll, (long)fds, 2, 0, 0, 0, 0);

		if (n == -4) /* EINTR */
			continue;
		if (n < 0 || (fds[0].revents & (POLLERR | POLLNVAL))) {
			p->error = n < 0 ? n : -22;
			break;
		}
		if (fds[1].revents)
			break;
		n = syscall6(__NR_read, p->uffd, (long)&msg, sizeof(msg), 0, 0, 0);
		if (n == -11 || n == -4) /* EAGAIN: woken or resolved before the read */
			continue;
		if (n != sizeof(msg)) {
			p->error = n < 0 ? n : -5;
			break;
		}
		n = pager_serve(p, &msg);
		if (n < 0) {
			p->error = n;
			break;
		}
	}
	return 0;
}

long uffd_pager_start(struct uffd_pager *p)
{
	long err;

	p->nr_msgs = p->nr_copied = p->nr_exist = p->error = 0;
	err = syscall6(__NR_pipe2, (long)p->stop_pipe, O_CLOEXEC, 0, 0, 0, 0);
	if (err < 0)
		return err;
	err = thread_create(&p->thread, pager_main, p, NULL);
	return err < 0 ? err : 0;
}

long uffd_pager_stop(struct uffd_pager *p)
{
	char byte = 1;

	syscall6(__NR_write, p->stop_pipe[1], (long)&byte, 1, 0, 0, 0);
	thread_join(&p->thread);
	syscall6(__NR_close, p->stop_pipe[0], 0, 0, 0, 0, 0);
	syscall6(__NR_close, p->stop_pipe[1], 0, 0, 0, 0, 0);
	return p->error;
}
