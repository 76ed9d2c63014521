/* Counters from /proc/vmstat and /proc/meminfo; see proc_counters.h. */
#include <fcntl.h>
#include <proc_counters.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Linux's /proc/vmstat has some 180 lines: room for all of them. */
static char proc_buf[16384];

/* Read all of path into proc_buf, NUL-terminated. Returns 0, or -1. */
static int read_proc_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len < sizeof(proc_buf) - 1 &&
	       (n = read(fd, proc_buf + len, sizeof(proc_buf) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	proc_buf[len] = '\0';
	return len ? 0 : -1;
}

/* The number after "<key><sep>" at the start of a line of proc_buf, or -1. */
static long find_value(const char *key, char sep)
{
	size_t key_len = strlen(key);

	for (char *line = proc_buf; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (!strncmp(line, key, key_len) && line[key_len] == sep) {
			char *end;
			long value = strtol(line + key_len + 1, &end, 10);

			return end != line + key_len + 1 ? value : -1;
		}
	}
	return -1;
}

long vmstat_counter(const char *name)
{
	return read_proc_file("/proc/vmstat") ? -1 : find_value(name, ' ');
}

long meminfo_kb(const char *key)
{
	return read_proc_file("/proc/meminfo") ? -1 : find_value(key, ':');
}

long self_status_kb(const char *key)
{
	return read_proc_file("/proc/self/status") ? -1 : find_value(key, ':');
}
