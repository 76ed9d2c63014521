/*
 * execve(): replace the current program. Everything that can fail (reading the file,
 * checking it, building the new address space and its stack) happens before the point
 * of no return, so a failed exec leaves the caller as it was.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/elf.h>
#include <kernel/exec.h>
#include <kernel/thread_group.h>
#include <kernel/random.h>
#include <kernel/rlimit.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/printk.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <uapi/abi.h>

#define USER_STACK_INIT (128 * 1024) /* the stack VMA below the arguments; it grows down */

#define ARG_PTR_WINDOW 64 /* pointers of a user argv or envp read with one copy */

/*
 * Where argv or envp comes from: a NULL-terminated array in user memory (execve), or in
 * the kernel (init's). count is the number of strings, once counted. A user array is
 * read a window of pointers at a time, never past the end of the page holding the first
 * of them (so a read faults only where reading that one pointer would); each pass over
 * the array starts with an empty window, reading the pointers afresh, as Linux does.
 */
struct arg_list {
	const char __user *const __user *user;
	const char *const *kernel;
	long count;
	const char __user *window[ARG_PTR_WINDOW]; /* user[first] .. user[first + nr - 1] */
	long first, nr;
};

/* What execve() carries across from the old program to the new one. */
struct exec_args {
	struct arg_list argv, envp;
	size_t strings_size; /* bytes of the argv and envp strings, NULs included */
	char *buf;           /* a page to bounce the strings through */
};

/* Linux passes one empty string when argv is empty (fs/exec.c, since 5.18). */
static const char *const empty_argv[] = { "", NULL };

static struct exec_args *args_alloc(void)
{
	struct exec_args *a = kzalloc(sizeof(*a));
	struct page *page = a ? alloc_page() : NULL;

	if (!page) {
		kfree(a);
		return NULL;
	}
	a->buf = page_address(page);
	return a;
}

static void args_free(struct exec_args *a)
{
	put_page(virt_to_page(a->buf));
	kfree(a);
}

/* Entry i of l, a string pointer; -EFAULT if it cannot be read. */
static int arg_ptr(struct arg_list *l, long i, const char **s)
{
	if (l->kernel) {
		*s = l->kernel[i];
		return 0;
	}
	if (!l->user) {
		*s = NULL; /* a NULL argv or envp is an empty one, as in Linux */
		return 0;
	}
	if (i < l->first || i >= l->first + l->nr) {
		unsigned long at = (unsigned long)&l->user[i];
		long n = (long)((PAGE_SIZE - at % PAGE_SIZE) / sizeof(l->window[0]));

		n = MIN(MAX(n, 1L), (long)ARG_PTR_WINDOW); /* 0: the pointer straddles two pages */
		l->first = i;
		l->nr = 0;
		if (copy_from_user(l->window, (const void __user *)at, (size_t)n * sizeof(l->window[0])))
			return -EFAULT;
		l->nr = n;
	}
	*s = (const char *)l->window[i - l->first];
	return 0;
}

/* Start a new pass over l: its pointers are read again. */
static void arg_rewind(struct arg_list *l)
{
	l->nr = 0;
}

/*
 * Count l's strings into l->count: -E2BIG past MAX_ARG_STRINGS, or as soon as their
 * pointers alone fill ARG_STACK_SPACE (Linux finds that out after counting; stopping
 * here bounds the loop for an endless array), -EFAULT.
 */
static int count_args(struct arg_list *l)
{
	const char *s;
	int err;

	for (l->count = 0;; l->count++) {
		if ((err = arg_ptr(l, l->count, &s)))
			return err;
		if (!s)
			return 0;
		if (l->count == MAX_ARG_STRINGS || (unsigned long)l->count >= ARG_STACK_SPACE / sizeof(void *))
			return -E2BIG;
		if (l->count % 1024 == 0)
			cond_resched();
	}
}

/*
 * String i of l into *s, and its length with its NUL (Linux's copy_strings measures each
 * with strnlen_user() the same way): -E2BIG past MAX_ARG_STRLEN, -EFAULT. Only the
 * string's own bytes are read.
 */
static long arg_strlen(struct arg_list *l, long i, const char **s)
{
	long len;
	int err = arg_ptr(l, i, s);

	if (err)
		return err;
	if (l->kernel)
		len = (long)strnlen(*s, MAX_ARG_STRLEN) + 1;
	else if (!(len = strnlen_user((const char __user *)*s, MAX_ARG_STRLEN)))
		return -EFAULT;
	return len > MAX_ARG_STRLEN ? -E2BIG : len;
}

/*
 * Count and measure the arguments and environment with Linux's limits (fs/exec.c): at
 * most MAX_ARG_STRINGS each, each string at most MAX_ARG_STRLEN bytes with its NUL, and
 * all of them, the path name and one pointer for each string within ARG_STACK_SPACE.
 * Returns 0, -E2BIG or -EFAULT.
 */
static int measure_args(struct exec_args *a, const char *filename)
{
	struct arg_list *lists[] = { &a->envp, &a->argv }; /* Linux's order of copying */
	size_t room;
	int err;

	if ((err = count_args(&a->argv)) || (err = count_args(&a->envp)))
		return err;
	if (a->argv.count == 0)
		a->argv = (struct arg_list){ .kernel = empty_argv, .count = 1 };
	room = (size_t)(a->argv.count + a->envp.count) * sizeof(void *);
	if (room >= ARG_STACK_SPACE)
		return -E2BIG;
	room = ARG_STACK_SPACE - room;
	a->strings_size = 0;
	if (strlen(filename) + 1 > room)
		return -E2BIG;
	room -= strlen(filename) + 1;
	for (int l = 0; l < 2; l++) {
		arg_rewind(lists[l]);
		for (long i = 0; i < lists[l]->count; i++) {
			const char *s;
			long len = arg_strlen(lists[l], i, &s);

			if (len < 0)
				return (int)len;
			if ((size_t)len > room - a->strings_size)
				return -E2BIG;
			a->strings_size += (size_t)len;
			if (i % 1024 == 0)
				cond_resched();
		}
	}
	return 0;
}

/*
 * Copy string i of l to *at in mm, moving *at past it; the string must end before end.
 * It is measured again, since the old program's memory may have changed since
 * measure_args(), and exactly that many bytes are copied through buf, the last made
 * its NUL. Returns 0, -EFAULT, or -E2BIG if it grew too long meanwhile.
 */
static int copy_arg(struct mm_struct *mm, struct arg_list *l, long i, char *buf,
		    unsigned long *at, unsigned long end)
{
	const char *s;
	long len = arg_strlen(l, i, &s);

	if (len < 0)
		return (int)len;
	if ((unsigned long)len > end - *at)
		return -E2BIG;
	for (long off = 0, n; off < len; off += n) {
		int err;

		n = MIN(len - off, (long)PAGE_SIZE);
		if (l->kernel)
			memcpy(buf, s + off, (size_t)n);
		else if (copy_from_user(buf, (const char __user *)s + off, (size_t)n))
			return -EFAULT;
		if (off + n == len)
			buf[n - 1] = '\0';
		err = copy_to_mm(mm, *at + (unsigned long)off, buf, (size_t)n);
		if (err)
			return err; /* -ENOMEM if the new stack's pages ran out */
		cond_resched();
	}
	*at += (unsigned long)len;
	return 0;
}

/*
 * Copy the strings of l upwards from *at (ending before end), writing a pointer to each
 * into the array at ptrs in mm, then a NULL after them.
 */
static int copy_args(struct mm_struct *mm, struct arg_list *l, char *buf,
		     unsigned long *at, unsigned long end, unsigned long ptrs)
{
	unsigned long zero = 0;
	int err = 0;

	arg_rewind(l);
	for (long i = 0; i < l->count && !err; i++) {
		unsigned long str = *at;

		err = copy_arg(mm, l, i, buf, at, end) ?:
		      copy_to_mm(mm, ptrs + (unsigned long)i * sizeof(long), &str, sizeof(str));
	}
	return err ?: copy_to_mm(mm, ptrs + (unsigned long)l->count * sizeof(long), &zero,
				 sizeof(zero));
}

/* Bytes of the initial stack above sp, the strings, the 16 random bytes and alignment. */
static unsigned long args_stack_size(const struct exec_args *a)
{
	return a->strings_size + 16 + (4 + (unsigned long)(a->argv.count + a->envp.count) +
				       2 * 7) * sizeof(long) + 16;
}

/*
 * Build Linux's initial stack at the top of mm's stack (the System V x86-64 and RISC-V
 * psABIs agree): from sp upwards argc, argv[] and NULL, envp[] and NULL, the auxiliary
 * vector ending in AT_NULL, then the argv and envp strings and 16 random bytes. The
 * strings are copied straight from the old program into the new stack. Sets *sp_out.
 */
static int build_stack(struct mm_struct *mm, struct exec_args *a,
		       const struct elf_info *info, unsigned long *sp_out)
{
	unsigned long random_at = TASK_SIZE - 16, at = random_at - a->strings_size;
	u64 random[2];
	unsigned long auxv[] = { AT_PHDR, info->phdr_addr, AT_PHENT, sizeof(struct elf64_phdr),
				 AT_PHNUM, info->phnum, AT_PAGESZ, PAGE_SIZE, AT_ENTRY, info->entry,
				 AT_RANDOM, random_at, AT_NULL, 0 };
	unsigned long argc = (unsigned long)a->argv.count, envc = (unsigned long)a->envp.count;
	unsigned long words = 1 + argc + 1 + envc + 1 + ARRAY_SIZE(auxv);
	unsigned long sp = ALIGN_DOWN(at - words * sizeof(long), 16); /* both psABIs: 16 */
	unsigned long argv_at = sp + sizeof(long), envp_at = argv_at + (argc + 1) * sizeof(long);
	int err;

	_Static_assert(ARRAY_SIZE(auxv) == 2 * 7, "args_stack_size() counts 7 auxv pairs");
	get_random_bytes(random, sizeof(random)); /* AT_RANDOM: libc's stack canary and pointer guard */
	mm->arg_start = at;
	err = copy_to_mm(mm, random_at, random, sizeof(random)) ?:
	      copy_to_mm(mm, sp, &argc, sizeof(argc)) ?:
	      copy_args(mm, &a->argv, a->buf, &at, random_at, argv_at);
	mm->arg_end = at;
	err = err ?:
	      copy_args(mm, &a->envp, a->buf, &at, random_at, envp_at) ?:
	      copy_to_mm(mm, envp_at + (envc + 1) * sizeof(long), auxv, sizeof(auxv));
	*sp_out = sp;
	return err;
}

/*
 * The file at path, if it may be executed (Linux's open_exec): 0 with *inode set,
 * the lookup's error, or -EACCES for anything but a regular file with an execute bit.
 * Linux opens the file before it looks at the arguments, so its errors come first.
 * Only the initrd's files can be run (the loader reads inode->data); they are never
 * freed, so no reference is kept.
 */
static int open_exec(const char *path, struct inode **inode)
{
	int err = kern_path(path, inode);

	if (err)
		return err;
	iput(*inode);
	if (((*inode)->mode & S_IFMT) != S_IFREG || !((*inode)->mode & 0111) || !(*inode)->data)
		return -EACCES;
	return 0;
}

/*
 * Where the mmap area of a new program ends (Linux's mmap_base()): below the room the
 * stack may grow into (RLIMIT_STACK and the guard gap), at least 64 MiB below the top of
 * user space and at most five sixths of it.
 */
static unsigned long mmap_base(void)
{
	unsigned long gap = rlimit(RLIMIT_STACK), min_gap = 64UL << 20, max_gap = TASK_SIZE / 6 * 5;

	if (gap + STACK_GUARD_GAP > gap)
		gap += STACK_GUARD_GAP;
	gap = gap < min_gap ? min_gap : gap > max_gap ? max_gap : gap;
	return ALIGN_DOWN(TASK_SIZE - gap, PAGE_SIZE);
}

/* Load the program in inode into a new mm; on success *mm_out, *entry and *sp are set. */
static int load_program(struct inode *inode, struct exec_args *a,
			struct mm_struct **mm_out, unsigned long *entry, unsigned long *sp)
{
	struct mm_struct *mm;
	struct elf_info info;
	unsigned long stack_size;
	int err;

	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	mm->mmap_base = mmap_base();
	err = elf_load(mm, inode, inode->data, inode->size, &info);
	if (!err)
		err = arch_setup_additional_pages(mm);
	stack_size = ALIGN_UP(args_stack_size(a), PAGE_SIZE) + USER_STACK_INIT;
	if (!err)
		err = mmap_region(mm, TASK_SIZE - stack_size, stack_size,
				  VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0);
	if (!err)
		err = build_stack(mm, a, &info, sp);
	if (err) {
		mmput(mm);
		return err;
	}
	mm->start_brk = mm->brk = info.brk;
	mm->start_stack = TASK_SIZE;
	*entry = info.entry;
	*mm_out = mm;
	return 0;
}

/* The point of no return: current runs the program in mm from now on. */
static void install_program(const char *path, struct mm_struct *mm, unsigned long entry,
			    unsigned long sp)
{
	struct mm_struct *old = current->mm;

	if (old)
		exit_mm_release(current, old); /* robust futexes, clear_child_tid: of the old program */
	current->mm = mm;
	current->did_exec = true;
	current->not_dumpable = false;
	cred_exec(&current->cred);
	activate_mm(mm);
	if (old)
		mmput(old);
	task_set_name(current, path);
	signals_exec(current);
	files_close_on_exec(current);
	arch_fpu_init_state(current);
	arch_start_user(task_pt_regs(current), entry, sp);
}

long sys_execve(const char __user *upath, const char __user *const __user *uargv,
		const char __user *const __user *uenvp)
{
	struct exec_args *a = args_alloc();
	char *path = NULL;
	struct inode *inode;
	struct mm_struct *mm;
	unsigned long entry, sp;
	long err;

	if (!a)
		return -ENOMEM;
	a->argv.user = uargv;
	a->envp.user = uenvp;
	err = getname(upath, &path);
	if (err >= 0)
		err = open_exec(path, &inode);
	if (err >= 0)
		err = measure_args(a, path);
	if (err >= 0)
		err = load_program(inode, a, &mm, &entry, &sp);
	if (err >= 0) {
		err = de_thread(); /* the other threads end; we become the process's leader */
		if (!err) /* a table shared with another process: the closes below are ours */
			err = unshare_files();
		if (err)
			mmput(mm);
	}
	if (err >= 0) {
		current->exe = inode;
		install_program(path, mm, entry, sp);
	}
	if (path)
		putname(path);
	args_free(a);
	return err < 0 ? err : 0;
}

int start_init(const char *path, const char *const *argv)
{
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	struct exec_args *a = args_alloc();
	struct inode *inode;
	struct task *t;
	struct mm_struct *mm;
	unsigned long entry, sp;
	int err;

	if (!a)
		return -ENOMEM;
	a->argv.kernel = argv;
	a->envp.kernel = envp;
	err = open_exec(path, &inode) ?: measure_args(a, path) ?:
	      load_program(inode, a, &mm, &entry, &sp);
	args_free(a);
	if (err)
		return err;
	t = task_alloc(path);
	if (!t || files_init_console(t)) {
		mmput(mm);
		return -ENOMEM;
	}
	t->mm = mm;
	t->exe = inode;
	t->parent = current; /* the idle task: init's parent never waits */
	arch_fpu_init_state(t);
	arch_start_user(task_pt_regs(t), entry, sp);
	t->ksp = arch_init_kstack(t->kstack_top);
	wake_up_task(t);
	return 0;
}
