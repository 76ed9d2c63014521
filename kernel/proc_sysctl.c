/*
 * /proc/sys/vm (Linux's kernel/sysctl.c and mm's ctl tables): the memory settings that
 * programs read, each a file holding one decimal number and a newline. Values are
 * Faultline's real limits where it has one (mmap_min_addr is MMAP_MIN_ADDR), Linux's
 * defaults otherwise; only max_map_count and unprivileged_userfaultfd may be written,
 * by root, and both are enforced (mm/vma.c: mmap and splits past max_map_count are
 * ENOMEM; mm/userfaultfd.c: userfaultfd() without UFFD_USER_MODE_ONLY is EPERM for a
 * user who is not root unless unprivileged_userfaultfd is set).
 */
#include <errno.h>
#include <kernel/fs.h>
#include <kernel/procfs.h>
#include <kernel/seq_file.h>
#include <kernel/task.h>
#include <kernel/uio.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/userfaultfd.h>
#include <uapi/abi.h>

/* One file of /proc/sys/vm: its value, and where writes go (NULL: read-only). */
struct ctl_table {
	const char *procname;
	long value;   /* the value of a constant setting */
	int *data;    /* a setting the kernel keeps, or NULL */
	long min;     /* the smallest value a write may set (Linux's extra1) */
};

static struct ctl_table vm_table[] = {
	{ "dirty_background_ratio", 10, NULL, 0 },
	{ "dirty_ratio", 20, NULL, 0 },
	{ "max_map_count", 0, &sysctl_max_map_count, 0 },
	{ "mmap_min_addr", MMAP_MIN_ADDR, NULL, 0 },
	{ "overcommit_kbytes", 0, NULL, 0 },
	{ "overcommit_memory", 0, NULL, 0 },  /* OVERCOMMIT_GUESS, what mm/mmap.c does */
	{ "overcommit_ratio", 50, NULL, 0 },
	{ "page-cluster", 3, NULL, 0 },
	{ "stat_interval", 1, NULL, 0 },
	{ "swappiness", 60, NULL, 0 },
	{ "unprivileged_userfaultfd", 0, &sysctl_unprivileged_userfaultfd, 0 },
};

static int ctl_show(struct seq_file *m, void *v)
{
	const struct ctl_table *table = m->private;

	(void)v;
	seq_printf(m, "%ld\n", table->data ? (long)*table->data : table->value);
	return 0;
}

/* The setting behind a /proc/sys/vm inode (its proc_kind is the index). */
static struct ctl_table *inode_table(const struct inode *inode)
{
	return &vm_table[inode->proc_kind];
}

/* Opening to write needs root (Linux's sysctl_perm: the owner's bits for uid 0). */
static int ctl_open(struct inode *inode, struct file *file)
{
	if ((file->flags & O_ACCMODE) != O_RDONLY && current->cred.euid != 0)
		return -EACCES;
	return single_open(file, ctl_show, inode_table(inode));
}

/*
 * A write of a decimal number, with blanks around it (Linux's proc_dointvec_minmax):
 * the whole write is taken; EINVAL if it is not one number in [min, INT_MAX].
 */
static long ctl_write(struct file *file, struct iov_iter *from, u64 *pos)
{
	struct ctl_table *table = inode_table(file->inode);
	size_t len = iov_iter_count(from), i = 0;
	char buf[24];
	bool neg = false, digits = false;
	long val = 0;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_iter(buf, len, from) != len)
		return -EFAULT;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
		i++;
	if (i < len && buf[i] == '-')
		neg = true, i++;
	for (; i < len && buf[i] >= '0' && buf[i] <= '9'; i++, digits = true)
		val = val * 10 + (buf[i] - '0');
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
		i++;
	if (!digits || i < len)
		return -EINVAL;
	if (neg)
		val = -val;
	if (val < table->min || val > 0x7fffffff)
		return -EINVAL;
	*table->data = (int)val;
	*pos += len;
	return (long)len;
}

static const struct file_operations ctl_ro_ops = {
	.open = ctl_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = seq_release,
};
static const struct file_operations ctl_rw_ops = {
	.open = ctl_open, .read_iter = seq_read_iter, .write_iter = ctl_write,
	.llseek = seq_lseek, .release = seq_release,
};

int proc_sys_init(struct inode *proc_root)
{
	struct inode *sys = proc_mkdir(proc_root, "sys"), *vm = sys ? proc_mkdir(sys, "vm") : NULL;

	if (!vm)
		return -ENOMEM;
	for (size_t i = 0; i < ARRAY_SIZE(vm_table); i++) {
		bool rw = vm_table[i].data != NULL;
		struct inode *inode = proc_create(vm, vm_table[i].procname, S_IFREG | (rw ? 0644 : 0444),
						  rw ? &ctl_rw_ops : &ctl_ro_ops);

		if (!inode)
			return -ENOMEM;
		inode->proc_kind = (int)i;
	}
	return 0;
}
