/* The kernel command line: "key=value" and bare "flag" words separated by spaces. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <types.h>

void cmdline_init(const char *line);
const char *cmdline(void);
/* Copy the value of key into buf (at most size bytes); returns true if key=value is there. */
bool cmdline_get(const char *key, char *buf, size_t size);
/* True if the word key (alone or as key=...) is on the command line. */
bool cmdline_has(const char *key);

#endif
