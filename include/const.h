/*
 * Constants usable from both C and assembly: _AC(1, UL) is 1UL in C and plain 1 in a .S
 * file, where the assembler knows no integer suffixes (Linux's include/uapi/linux/const.h
 * has the same macro).
 */
#ifndef CONST_H
#define CONST_H

#ifdef __ASSEMBLER__
#define _AC(x, y) x
#else
#define _AC(x, y) x##y
#endif

#endif
