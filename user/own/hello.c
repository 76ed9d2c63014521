/*
 * A program of your own, as a student would write one: it builds against Faultline's
 * libc (`make user PROG=user/own/hello.c`) or Debian's static glibc or musl (LIBC=glibc,
 * LIBC=musl), and `make qemu RUN=user/own/hello.c` boots it as init's child. It touches
 * a fresh page of its .bss, which is a page fault the kernel resolves with a zero page
 * and then a fresh one.
 */
#include <stdio.h>
#include <unistd.h>

static char page[4096] __attribute__((aligned(4096)));

int main(int argc, char **argv)
{
	printf("hello from %s: page[100] reads %d", argv[0], page[100]);
	page[100] = 42;
	printf(", then %d after a write\n", page[100]);
	return argc > 1 ? 1 : 0;
}
