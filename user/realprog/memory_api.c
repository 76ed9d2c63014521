/*
 * Linux's memory API through the C library, as a program written for Linux uses it:
 * memfd_create, MAP_SHARED across fork, mremap, mlock with VmLck, madvise, msync,
 * MAP_POPULATE with mincore, process_vm_readv and /proc/self/{maps,smaps,pagemap,mem}.
 * It prints what it sees (never an address), so its output is the same on any kernel
 * that gives Linux's answers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

/* The rest of the line after "key:" in file, or "(none)". */
static const char *field(const char *path, const char *key, const char *start)
{
	static char line[512], value[512];
	FILE *f = fopen(path, "r");
	int in_block = start == NULL;

	strcpy(value, "(none)");
	if (!f)
		return value;
	while (fgets(line, sizeof(line), f)) {
		if (start && strncmp(line, start, strlen(start)) == 0)
			in_block = 1;
		if (in_block && strncmp(line, key, strlen(key)) == 0) {
			char *v = line + strlen(key);

			while (*v == ' ' || *v == '\t')
				v++;
			v[strcspn(v, "\n")] = '\0';
			snprintf(value, sizeof(value), "%s", v);
			break;
		}
	}
	fclose(f);
	return value;
}

/* The maps line of the VMA at p, from its perms on (no addresses, inode or device). */
static const char *maps_line(void *p)
{
	static char want[32], line[512], out[512];
	FILE *f = fopen("/proc/self/maps", "r");

	snprintf(want, sizeof(want), "%08lx-", (unsigned long)p);
	strcpy(out, "(none)");
	while (f && fgets(line, sizeof(line), f)) {
		char perms[8], name[256] = "";

		if (strncmp(line, want, strlen(want)) == 0 &&
		    sscanf(line, "%*s %7s %*s %*s %*s %255[^\n]", perms, name) >= 1)
			snprintf(out, sizeof(out), "%s %s", perms, name);
	}
	if (f)
		fclose(f);
	return out;
}

int main(void)
{
	int fd = memfd_create("realprog", MFD_CLOEXEC), status, mem;
	char *shared, *moved, *lazy, buf[16], start[32];
	unsigned char vec[8];
	struct iovec local = { buf, 6 }, remote;
	uint64_t entry;
	pid_t pid;
	int resident = 0, ret;

	if (fd < 0 || ftruncate(fd, 4 * PAGE) != 0)
		return printf("memfd: %s\n", strerror(errno)), 1;
	shared = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	pid = fork();
	if (pid == 0) {
		strcpy(shared + PAGE, "from the child");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("fork: parent reads \"%s\"\n", shared + PAGE);
	pread(fd, buf, 14, PAGE);
	printf("read(): \"%.14s\"\n", buf);
	printf("maps: %s\n", maps_line(shared));
	snprintf(start, sizeof(start), "%08lx-", (unsigned long)shared);
	printf("smaps Rss of it: %s\n", field("/proc/self/smaps", "Rss:", start));

	ftruncate(fd, 8 * PAGE);
	moved = mremap(shared, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	printf("mremap: %s, bytes kept: %d, new page: %d\n", moved == MAP_FAILED ? "failed" : "ok",
	       strcmp(moved + PAGE, "from the child") == 0, moved[7 * PAGE]);
	ret = msync(moved, PAGE, MS_SYNC);
	printf("msync: %d, msync(MS_SYNC|MS_ASYNC): %s\n", ret,
	       msync(moved, PAGE, MS_SYNC | MS_ASYNC) ? strerror(errno) : "0");

	lazy = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	mincore(lazy, 8 * PAGE, vec);
	for (int i = 0; i < 8; i++)
		resident += vec[i] & 1;
	printf("MAP_POPULATE: %d of 8 resident\n", resident);
	printf("VmLck before: %s\n", field("/proc/self/status", "VmLck:", NULL));
	ret = mlock(lazy, 8 * PAGE);
	printf("mlock: %d, VmLck: %s\n", ret, field("/proc/self/status", "VmLck:", NULL));
	ret = munlock(lazy, 8 * PAGE);
	printf("munlock: %d, VmLck: %s\n", ret, field("/proc/self/status", "VmLck:", NULL));
	ret = madvise(lazy, PAGE, MADV_DONTFORK);
	printf("madvise(DONTFORK): %d, madvise(1000): %s\n", ret,
	       madvise(lazy, PAGE, 1000) ? strerror(errno) : "0");

	lazy[3 * PAGE] = 42;
	mem = open("/proc/self/mem", O_RDWR);
	pread(mem, buf, 1, (off_t)(uintptr_t)(lazy + 3 * PAGE));
	printf("/proc/self/mem: %d\n", buf[0]);
	entry = 0;
	pread(open("/proc/self/pagemap", O_RDONLY), &entry, 8, (off_t)((uintptr_t)lazy / PAGE * 8));
	printf("pagemap: present %d, exclusive %d\n", (int)(entry >> 63), (int)((entry >> 56) & 1));

	strcpy(moved + 6 * PAGE, "remote");
	remote.iov_base = moved + 6 * PAGE;
	remote.iov_len = 6;
	printf("process_vm_readv: %zd \"%.6s\"\n", process_vm_readv(getpid(), &local, 1, &remote, 1, 0), buf);
	printf("mremap(bad flags): %s\n", mremap(moved, PAGE, PAGE, 0x40) == MAP_FAILED ? strerror(errno) : "ok");
	return 0;
}
