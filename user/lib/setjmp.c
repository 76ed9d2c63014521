/* The C half of sigsetjmp/siglongjmp; the register half is user/arch/<arch>/setjmp.S. */
#include <setjmp.h>
#include <stddef.h>

_Static_assert(offsetof(struct __jmp_buf_tag, __mask_saved) == JB_MASK_SAVED,
	       "setjmp.S and <setjmp.h> must agree where __mask_saved is");

int __sigsetjmp_save_mask(sigjmp_buf env);

/* sigsetjmp(env, nonzero) tail-calls this once the registers are saved: we return 0 to
 * sigsetjmp's caller. */
int __sigsetjmp_save_mask(sigjmp_buf env)
{
	sigprocmask(SIG_BLOCK, NULL, &env->__mask);
	return 0;
}

__noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_saved)
		sigprocmask(SIG_SETMASK, &env->__mask, NULL);
	longjmp(env, val);
}
