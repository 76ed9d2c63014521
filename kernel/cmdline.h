/* The kernel command line: "key=value" and bare "flag" words separated by spaces. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <types.h>

/* Keep a copy of the firmware's command line (NULL: empty). */
void cmdline_init(const char *line);
/* The whole command line, as the kernel keeps it. */
const char *cmdline(void);
/* Copy the value of key into buf (at most size bytes); returns true if key=value is there. */
bool cmdline_get(const char *key, char *buf, size_t size);
/* True if the word key (alone or as key=...) is on the command line. */
bool cmdline_has(const char *key);
/*
 * Split the words after " -- " (Linux's marker for init's arguments) into argv, at most
 * max - 1 of them, NULL-terminated; returns how many.
 */
int cmdline_init_args(char **argv, int max);

#endif
