/* Parse the kernel command line handed over by the firmware. */
#include <kernel/cmdline.h>
#include <lib/string.h>

static char command_line[512]; /* our own copy: the firmware's may be reused as RAM */

void cmdline_init(const char *line)
{
	strlcpy(command_line, line ? line : "", sizeof(command_line));
}

const char *cmdline(void)
{
	return command_line;
}

/* Find key as a whole word; returns the char after it ('=' or ' ' or NUL) or NULL. */
static const char *find_word(const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = command_line; *p;) {
		while (*p == ' ')
			p++;
		if (strncmp(p, key, klen) == 0 && (p[klen] == '=' || p[klen] == ' ' || !p[klen]))
			return p + klen;
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

bool cmdline_has(const char *key)
{
	return find_word(key) != NULL;
}

int cmdline_init_args(char **argv, int max)
{
	static char words[sizeof(command_line)];
	const char *marker = command_line;
	char *p;
	int n = 0;

	while ((marker = strchr(marker, '-')) && !(marker[1] == '-' && (marker[2] == ' ' || !marker[2]) &&
						   (marker == command_line || marker[-1] == ' ')))
		marker++;
	if (!marker) {
		argv[0] = NULL;
		return 0;
	}
	strlcpy(words, marker + 2, sizeof(words));
	for (p = words; *p && n < max - 1;) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		argv[n++] = p;
		while (*p && *p != ' ')
			p++;
	}
	argv[n] = NULL;
	return n;
}

bool cmdline_get(const char *key, char *buf, size_t size)
{
	const char *v = find_word(key);
	size_t n = 0;

	if (!v || *v != '=' || size == 0)
		return false;
	for (v++; v[n] && v[n] != ' ' && n + 1 < size; n++)
		buf[n] = v[n];
	buf[n] = '\0';
	return true;
}
