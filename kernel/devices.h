/*
 * The character devices in /dev (Linux's drivers/char/mem.c and random.c): null, zero,
 * random and urandom, and the console under its two names, console and tty (a process's
 * controlling terminal is always the console here).
 */
#ifndef KERNEL_DEVICES_H
#define KERNEL_DEVICES_H

struct super_block;

/* Make /dev and its devices in sb (the initrd's); 0 or -ENOMEM. */
int devices_init(struct super_block *sb);

#endif
