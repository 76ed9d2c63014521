/*
 * Non-local jumps: setjmp() saves where its caller is (the callee-saved registers, the
 * stack pointer, the return address) and returns 0; longjmp() goes back there, making
 * that setjmp() return again, with val (1 if val is 0). The function that called setjmp
 * must not have returned in between.
 *
 * sigsetjmp(env, 1) also saves the blocked signal mask and siglongjmp() restores it:
 * the way out of a signal handler that must not return (the handler's signal, blocked
 * while it runs, is unblocked again). sigsetjmp(env, 0) and plain setjmp save no mask,
 * so jumping out of a handler with them leaves the handler's mask in place.
 *
 * The layout of env is shared with user/arch/<arch>/setjmp.S (setjmp_arch.h).
 */
#ifndef USER_SETJMP_H
#define USER_SETJMP_H

#include <compiler.h>
#include <signal.h>
#include <setjmp_arch.h>

struct __jmp_buf_tag {
	unsigned long __regs[__JB_NREGS]; /* the registers; see setjmp_arch.h */
	unsigned long __mask_saved;       /* sigsetjmp's savemask: restore __mask? */
	sigset_t __mask;                  /* the blocked mask when sigsetjmp was called */
};

typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
__noreturn void longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
__noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
