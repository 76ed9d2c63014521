/* Memory allocation, number parsing, the environment and process exit. */
#ifndef USER_STDLIB_H
#define USER_STDLIB_H

#include <stddef.h>
#include <compiler.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/*
 * The heap (user/lib/malloc.c). Blocks are 16-byte aligned. malloc(0) returns a unique
 * pointer. All return NULL with errno = ENOMEM when memory runs out; realloc then
 * leaves the old block alone. free(NULL) does nothing; freeing anything else that did
 * not come from here kills the program with a message.
 */
void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);

/* Parse a number in base (0: 0x.. hex, 0.. octal, else decimal); *end (if end) stops at
 * the first character not used. Out of range: LONG_MIN/LONG_MAX with errno = ERANGE. */
long strtol(const char *s, char **end, int base);
int atoi(const char *s);

/* argv[0] as main received it (glibc's name for it). */
extern char *program_invocation_name;

/* The value of NAME in the environment, or NULL. */
char *getenv(const char *name);

/* End the process (exit_group) with status & 0xff. */
__noreturn void exit(int status);
/* End the process as killed by SIGABRT (or exit 127 if that is not possible). */
__noreturn void abort(void);

#endif
