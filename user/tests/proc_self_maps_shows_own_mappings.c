/* EXPECT: exit 0 */
/*
 * /proc/self/maps lists the caller's mappings in Linux's format, "start-end perms offset
 * major:minor inode", then the name at column 73 for a named one: three anonymous pages
 * mapped read-only appear as one line "r--p" with offset 0, device 00:00 and inode 0;
 * after mprotect makes the middle one writable, three lines, "r--p", "rw-p", "r--p";
 * after munmap, none. The program's own code is an "r-xp" line naming its file (a path
 * ending in /tests/<name>), and the stack is "[stack]".
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL
#define NAME "proc_self_maps_shows_own_mappings"

static char maps[65536];

/* The hexadecimal number at s; *end just past it. */
static unsigned long parse_hex(char *s, char **end)
{
	unsigned long v = 0;

	for (;; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;

		if (d < 0)
			break;
		v = v * 16 + (unsigned long)d;
	}
	*end = s;
	return v;
}

static void read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	long len = 0, n;

	CHECK(fd >= 0, "open /proc/self/maps: %s", strerror(errno));
	while ((n = read(fd, maps + len, sizeof(maps) - 1 - (size_t)len)) > 0)
		len += n;
	CHECK(n == 0, "read /proc/self/maps: %s", strerror(errno));
	maps[len] = '\0';
	CHECK_EQ(close(fd), 0);
}

/* The line of maps for [start, end) (NUL-terminated in place of its newline), or NULL. */
static char *line_for(unsigned long start, unsigned long end, char *copy, size_t size)
{
	for (char *line = maps; *line;) {
		char *nl = strchr(line, '\n'), *p;
		unsigned long s = parse_hex(line, &p), e;

		CHECK(nl && *p == '-', "malformed line in /proc/self/maps: %.80s", line);
		e = parse_hex(p + 1, &p);
		if (s == start && e == end) {
			size_t len = (size_t)(nl - line);

			CHECK(len < size, "line too long");
			memcpy(copy, line, len);
			copy[len] = '\0';
			return copy;
		}
		line = nl + 1;
	}
	return NULL;
}

/* Does the line for [start, end) exist with perms, offset 0, device 00:00 and inode 0? */
static void expect_anon(unsigned long start, unsigned long end, const char *perms)
{
	char line[256], *p;
	char *found = line_for(start, end, line, sizeof(line));

	CHECK(found, "no line for %lx-%lx in:\n%s", start, end, maps);
	p = strchr(line, ' ');
	CHECK(strncmp(p + 1, perms, 4) == 0, "%lx-%lx has perms %.4s, expected %s", start, end, p + 1,
	      perms);
	CHECK(strncmp(p + 5, " 00000000 00:00 0", 17) == 0, "anonymous line \"%s\"", line);
}

/* A line of maps whose perms are perms and whose name ends with tail; the line's start. */
static const char *named_line(const char *perms, const char *tail)
{
	for (char *line = maps; *line;) {
		char *nl = strchr(line, '\n');
		char *sp = strchr(line, ' ');
		size_t tl = strlen(tail);

		if (sp && sp < nl && strncmp(sp + 1, perms, 4) == 0 && nl - line > (long)tl &&
		    strncmp(nl - tl, tail, tl) == 0)
			return line;
		line = nl + 1;
	}
	return NULL;
}

int main(void)
{
	char *area = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long a = (unsigned long)area;
	const char *text;

	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	read_maps();
	expect_anon(a, a + 3 * PAGE, "r--p");

	CHECK_EQ(mprotect(area + PAGE, PAGE, PROT_READ | PROT_WRITE), 0);
	read_maps();
	expect_anon(a, a + PAGE, "r--p");
	expect_anon(a + PAGE, a + 2 * PAGE, "rw-p");
	expect_anon(a + 2 * PAGE, a + 3 * PAGE, "r--p");

	text = named_line("r-xp", "/tests/" NAME);
	CHECK(text, "no r-xp line naming this program in:\n%s", maps);
	CHECK(text[73] == '/', "the name is not at column 73: \"%.100s\"", text);
	CHECK(named_line("rw-p", "[stack]"), "no [stack] line in:\n%s", maps);

	CHECK_EQ(munmap(area, 3 * PAGE), 0);
	read_maps();
	CHECK(!line_for(a + PAGE, a + 2 * PAGE, (char[256]){ 0 }, 256), "unmapped, still listed");
	printf("/proc/self/maps shows this program's mappings as Linux does\n");
	return 0;
}
