/* The character devices in /dev (see devices.h). */
#include <arch.h>
#include <asm/memory.h>
#include <errno.h>
#include <kernel/devices.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/uio.h>
#include <lib/string.h>
#include <mm/userfaultfd.h>
#include <uapi/abi.h>

#define MKDEV(major, minor) (((major) << 8) | (minor)) /* Linux's old_encode_dev */

/* Writes to null, zero and the random devices are taken whole and dropped (Linux's
 * random devices mix them into the pool; ours is seeded at boot only). */
static long write_discard(struct file *file, struct iov_iter *from, u64 *pos)
{
	(void)file, (void)pos;
	return (long)iov_iter_count(from);
}

/* /dev/null: always at its end. */
static long null_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	(void)file, (void)to, (void)pos;
	return 0;
}

/*
 * /dev/zero: as many zero bytes as asked, a page at a time with a resched point after
 * each; a fault ends it with the bytes done (-EFAULT if none), as in Linux.
 */
static long zero_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	size_t done = 0;

	(void)file, (void)pos;
	while (iov_iter_count(to)) {
		size_t chunk = MIN(iov_iter_count(to), PAGE_SIZE);
		size_t zeroed = iov_iter_zero(chunk, to);

		done += zeroed;
		if (zeroed < chunk)
			return done ? (long)done : -EFAULT;
		if (iov_iter_count(to) && signal_pending_current())
			break;
		cond_resched();
	}
	return (long)done;
}

/* /dev/random and /dev/urandom: the kernel's random numbers (kernel/random.c). */
static long random_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	(void)file, (void)pos;
	return get_random_bytes_user(to);
}

/* The devices have no position: lseek() leaves it at 0 and says 0 (Linux's null_lseek). */
static long dev_llseek(struct file *file, long offset, int whence)
{
	(void)offset, (void)whence;
	file->pos = 0;
	return 0;
}

static const struct file_operations null_ops = {
	.read_iter = null_read,
	.write_iter = write_discard,
	.llseek = dev_llseek,
};
static const struct file_operations zero_ops = {
	.read_iter = zero_read,
	.write_iter = write_discard,
	.llseek = dev_llseek,
};
static const struct file_operations random_ops = {
	.read_iter = random_read,
	.write_iter = write_discard,
	.llseek = dev_llseek,
};

static const struct {
	const char *name;
	u32 mode;
	u32 rdev;
	const struct file_operations *fops; /* NULL: the console (kernel/file.c) */
} devices[] = {
	{ "console", S_IFCHR | 0600, MKDEV(5, 1), NULL },
	{ "tty", S_IFCHR | 0666, MKDEV(5, 0), NULL },
	{ "null", S_IFCHR | 0666, MKDEV(1, 3), &null_ops },
	{ "zero", S_IFCHR | 0666, MKDEV(1, 5), &zero_ops },
	{ "random", S_IFCHR | 0666, MKDEV(1, 8), &random_ops },
	{ "urandom", S_IFCHR | 0666, MKDEV(1, 9), &random_ops },
	/* A misc device (major 10); root only, as Linux's default. */
	{ "userfaultfd", S_IFCHR | 0600, MKDEV(10, 126), &userfaultfd_dev_fops },
};

int devices_init(struct super_block *sb)
{
	struct inode *dev = new_inode(sb, fs_root, S_IFDIR | 0755);

	if (!dev)
		return -ENOMEM;
	d_add(dev, "dev", 3);
	iput(dev);
	for (size_t i = 0; i < ARRAY_SIZE(devices); i++) {
		struct inode *inode = new_inode(sb, dev, devices[i].mode);

		if (!inode)
			return -ENOMEM;
		inode->rdev = devices[i].rdev;
		inode->i_fop = devices[i].fops;
		d_add(inode, devices[i].name, strlen(devices[i].name));
		iput(inode);
	}
	return 0;
}
