/* The character devices in /dev (see devices.h). */
#include <arch.h>
#include <asm/memory.h>
#include <errno.h>
#include <kernel/devices.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <lib/string.h>
#include <uapi/abi.h>

#define MKDEV(major, minor) (((major) << 8) | (minor)) /* Linux's old_encode_dev */

/* Writes to null, zero and the random devices are taken whole and dropped (Linux's
 * random devices mix them into the pool; ours is seeded at boot only). */
static long write_discard(struct file *file, const char __user *buf, size_t n)
{
	(void)file, (void)buf;
	return (long)n;
}

/* /dev/null: always at its end. */
static long null_read(struct file *file, char __user *buf, size_t n)
{
	(void)file, (void)buf, (void)n;
	return 0;
}

/*
 * /dev/zero: as many zero bytes as asked, a user page at a time with a resched point
 * after each; a fault ends it with the bytes done (-EFAULT if none), as in Linux.
 */
static long zero_read(struct file *file, char __user *buf, size_t n)
{
	size_t done = 0;

	(void)file;
	while (done < n) {
		size_t chunk = MIN(n - done, PAGE_SIZE - (uintptr_t)(buf + done) % PAGE_SIZE);

		if (clear_user(buf + done, chunk))
			return done ? (long)done : -EFAULT;
		done += chunk;
		if (done < n && signal_pending_current())
			break;
		cond_resched();
	}
	return (long)done;
}

/* /dev/random and /dev/urandom: the kernel's random numbers (kernel/random.c). */
static long random_read(struct file *file, char __user *buf, size_t n)
{
	(void)file;
	return sys_getrandom(buf, n, 0);
}

static const struct file_operations null_ops = { .read = null_read, .write = write_discard };
static const struct file_operations zero_ops = { .read = zero_read, .write = write_discard };
static const struct file_operations random_ops = { .read = random_read, .write = write_discard };

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
