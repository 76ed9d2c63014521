/*
 * execve(): replace the current program. Everything that can fail (reading the file,
 * checking it, building the new address space and its stack) happens before the point
 * of no return, so a failed exec leaves the caller as it was.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/elf.h>
#include <kernel/exec.h>
#include <kernel/random.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/printk.h>
#include <kernel/ramfs.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <uapi/abi.h>

#define USER_STACK_INIT (128 * 1024) /* the stack VMA at first; it grows down on faults */

/* The arguments and environment, copied into the kernel before the old program goes. */
struct exec_args {
	int argc, envc;
	char *argv[EXEC_MAX_ARGS];
	char *envp[EXEC_MAX_ARGS];
	size_t used;                   /* bytes of strings[] in use */
	char *strings;                 /* one frame of EXEC_STRING_SIZE bytes */
};

_Static_assert(EXEC_STRING_SIZE == PAGE_SIZE, "the strings fill one frame");

static struct exec_args *args_alloc(void)
{
	struct exec_args *a = kzalloc(sizeof(*a));
	struct page *page = a ? alloc_page() : NULL;

	if (!page) {
		kfree(a);
		return NULL;
	}
	a->strings = page_address(page);
	return a;
}

static void args_free(struct exec_args *a)
{
	put_page(virt_to_page(a->strings));
	kfree(a);
}

/* Append one string; -E2BIG if it does not fit. */
static int add_string(struct exec_args *a, char **slot, const char *s, size_t len)
{
	if (len + 1 > EXEC_STRING_SIZE - a->used)
		return -E2BIG;
	*slot = a->strings + a->used;
	memcpy(*slot, s, len + 1);
	a->used += len + 1;
	return 0;
}

/* Copy a NULL-terminated user array of user strings into list; its length or -errno. */
static int copy_user_strings(struct exec_args *a, char **list, const char __user *const __user *uv)
{
	int n = 0;

	for (; uv; n++) {
		const char __user *us;
		long len;

		if (copy_from_user(&us, &uv[n], sizeof(us)))
			return -EFAULT;
		if (!us)
			break;
		if (n == EXEC_MAX_ARGS)
			return -E2BIG;
		len = strncpy_from_user(a->strings + a->used, us, EXEC_STRING_SIZE - a->used);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return (int)len;
		list[n] = a->strings + a->used;
		a->used += (size_t)len + 1;
	}
	return n;
}

/* Write *v at *sp - sizeof(v) in mm, moving *sp down. */
static int push(struct mm_struct *mm, unsigned long *sp, const void *v, size_t len)
{
	*sp -= len;
	return copy_to_mm(mm, *sp, v, len);
}

/*
 * Build Linux's initial stack at the top of mm's stack (the System V x86-64 and RISC-V
 * psABIs agree): from sp upwards argc, argv[] and NULL, envp[] and NULL, the auxiliary
 * vector ending in AT_NULL, then the strings and 16 random bytes. Returns the new sp.
 */
static int build_stack(struct mm_struct *mm, const struct exec_args *a,
		       const struct elf_info *info, unsigned long *sp_out)
{
	unsigned long sp = USER_TOP, argv_at[EXEC_MAX_ARGS], envp_at[EXEC_MAX_ARGS], random_at;
	u64 random[2];
	unsigned long auxv[] = { AT_PHDR, info->phdr_addr, AT_PHENT, sizeof(struct elf64_phdr),
				 AT_PHNUM, info->phnum, AT_PAGESZ, PAGE_SIZE, AT_ENTRY, info->entry,
				 AT_RANDOM, 0, AT_NULL, 0 };
	unsigned long words = 1 + (unsigned long)a->argc + 1 + (unsigned long)a->envc + 1 +
			      ARRAY_SIZE(auxv);
	unsigned long zero = 0, argc = (unsigned long)a->argc;
	int err;

	get_random_bytes(random, sizeof(random)); /* AT_RANDOM: libc's stack canary and pointer guard */
	err = push(mm, &sp, random, sizeof(random));

	random_at = sp;
	auxv[11] = random_at;
	for (int i = a->envc - 1; i >= 0 && !err; i--) {
		err = push(mm, &sp, a->envp[i], strlen(a->envp[i]) + 1);
		envp_at[i] = sp;
	}
	for (int i = a->argc - 1; i >= 0 && !err; i--) {
		err = push(mm, &sp, a->argv[i], strlen(a->argv[i]) + 1);
		argv_at[i] = sp;
	}
	/* Align so that sp, after the words below, is 16-byte aligned (both psABIs). */
	sp = ALIGN_DOWN(sp - words * sizeof(long), 16) + words * sizeof(long);
	err = err ?: push(mm, &sp, auxv, sizeof(auxv));
	err = err ?: push(mm, &sp, &zero, sizeof(zero));
	for (int i = a->envc - 1; i >= 0 && !err; i--)
		err = push(mm, &sp, &envp_at[i], sizeof(long));
	err = err ?: push(mm, &sp, &zero, sizeof(zero));
	for (int i = a->argc - 1; i >= 0 && !err; i--)
		err = push(mm, &sp, &argv_at[i], sizeof(long));
	err = err ?: push(mm, &sp, &argc, sizeof(argc));
	*sp_out = sp;
	return err ? -E2BIG : 0;
}

/* Load the program at path into a new mm; on success *mm_out, *entry and *sp are set. */
static int load_program(const char *path, const struct exec_args *a,
			struct mm_struct **mm_out, unsigned long *entry, unsigned long *sp)
{
	struct inode *inode;
	struct mm_struct *mm;
	struct elf_info info;
	int err = kern_path(path, &inode);

	if (err)
		return err;
	if ((inode->mode & S_IFMT) == S_IFDIR)
		return -EACCES;
	if ((inode->mode & S_IFMT) != S_IFREG || !(inode->mode & 0111))
		return -EACCES;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	err = elf_load(mm, inode, inode->data, inode->size, &info);
	if (!err)
		err = arch_setup_additional_pages(mm);
	if (!err)
		err = mmap_region(mm, USER_TOP - USER_STACK_INIT, USER_STACK_INIT,
				  VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0);
	if (!err)
		err = build_stack(mm, a, &info, sp);
	if (err) {
		mm_release(mm);
		return err;
	}
	mm->start_brk = mm->brk = info.brk;
	mm->start_stack = USER_TOP;
	*entry = info.entry;
	*mm_out = mm;
	return 0;
}

/* The point of no return: current runs the program in mm from now on. */
static void install_program(const char *path, struct mm_struct *mm, unsigned long entry,
			    unsigned long sp)
{
	struct mm_struct *old = current->mm;

	current->mm = mm;
	activate_mm(mm);
	if (old)
		mm_release(old);
	task_set_name(current, path);
	signals_exec(current);
	arch_fpu_init_state(current);
	arch_start_user(task_pt_regs(current), entry, sp);
}

long sys_execve(const char __user *upath, const char __user *const __user *uargv,
		const char __user *const __user *uenvp)
{
	struct exec_args *a = args_alloc();
	char *path = NULL;
	struct mm_struct *mm;
	unsigned long entry, sp;
	long err;

	if (!a)
		return -ENOMEM;
	err = getname(upath, &path);
	if (err >= 0)
		err = a->argc = copy_user_strings(a, a->argv, uargv);
	if (err >= 0)
		err = a->envc = copy_user_strings(a, a->envp, uenvp);
	if (err >= 0) /* a relative path starts at the working directory, always "/" */
		err = load_program(path, a, &mm, &entry, &sp);
	if (err >= 0)
		install_program(path, mm, entry, sp);
	if (path)
		putname(path);
	args_free(a);
	return err < 0 ? err : 0;
}

int start_init(const char *path, const char *const *argv)
{
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	struct exec_args *a = args_alloc();
	struct task *t;
	struct mm_struct *mm;
	unsigned long entry, sp;
	int err = 0;

	if (!a)
		return -ENOMEM;
	for (int i = 0; argv[i] && !err && i < EXEC_MAX_ARGS; i++)
		err = add_string(a, &a->argv[a->argc++], argv[i], strlen(argv[i]));
	for (int i = 0; envp[i] && !err; i++)
		err = add_string(a, &a->envp[a->envc++], envp[i], strlen(envp[i]));
	if (!err)
		err = load_program(path, a, &mm, &entry, &sp);
	args_free(a);
	if (err)
		return err;
	t = task_alloc(path);
	if (!t || files_init_console(t)) {
		mm_release(mm);
		return -ENOMEM;
	}
	t->mm = mm;
	t->parent = current; /* the idle task: init's parent never waits */
	arch_fpu_init_state(t);
	arch_start_user(task_pt_regs(t), entry, sp);
	t->ksp = arch_init_kstack(t->kstack_top);
	wake_up_task(t);
	return 0;
}
