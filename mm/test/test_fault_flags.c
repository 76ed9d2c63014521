/* The fault core's retry rules (mm/fault_flags.c). */
#include <mm/fault.h>
#include "../../lib/test/htest.h"

#define USER_FAULT (FAULT_FLAG_DEFAULT | FAULT_FLAG_USER)

HTEST(fault_flags_legal_states)
{
	HEXPECT(fault_flags_valid(FAULT_FLAG_ALLOW_RETRY));                    /* first try */
	HEXPECT(fault_flags_valid(FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_TRIED)); /* retrying */
	HEXPECT(fault_flags_valid(0));                                         /* no retry */
	HEXPECT(!fault_flags_valid(FAULT_FLAG_TRIED));                         /* illegal */
	HEXPECT(fault_flags_valid(USER_FAULT | FAULT_FLAG_WRITE));
}

HTEST(fault_retry_sets_tried_and_stops_on_signals)
{
	unsigned int next = fault_retry_flags(USER_FAULT | FAULT_FLAG_RETRY_NOWAIT, false, false);

	HEXPECT(next & FAULT_FLAG_TRIED);
	HEXPECT(next & FAULT_FLAG_ALLOW_RETRY);  /* unlimited retries: still allowed */
	HEXPECT(!(next & FAULT_FLAG_RETRY_NOWAIT)); /* a retry waits */
	HEXPECT(fault_flags_valid(next));
	/* A retry of a retry is the same: no count limits them. */
	HEXPECT_EQ(fault_retry_flags(next, false, false), next);
	/* A fatal signal ends a killable fault; any signal ends an interruptible user fault. */
	HEXPECT_EQ(fault_retry_flags(USER_FAULT, true, true), 0);
	HEXPECT_EQ(fault_retry_flags(USER_FAULT, false, true), 0);
	/* A kernel fault (no USER) is not interrupted by an ordinary signal, only a fatal one. */
	HEXPECT(fault_retry_flags(FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE, false, true) != 0);
	HEXPECT_EQ(fault_retry_flags(FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE, true, true), 0);
	/* Without KILLABLE not even a fatal signal ends it. */
	HEXPECT(fault_retry_flags(FAULT_FLAG_ALLOW_RETRY, true, true) != 0);
	/* Without ALLOW_RETRY there is no next try. */
	HEXPECT_EQ(fault_retry_flags(0, false, false), 0);
}

HTEST(fault_result_decisions)
{
	HEXPECT_EQ(fault_result(0), PF_RET_DONE);
	HEXPECT_EQ(fault_result(VM_FAULT_MAJOR), PF_RET_DONE);
	HEXPECT_EQ(fault_result(VM_FAULT_OOM), PF_RET_OOM);
	HEXPECT_EQ(fault_result(VM_FAULT_SIGBUS), PF_RET_SIGBUS);
	HEXPECT_EQ(fault_result(VM_FAULT_HWPOISON | VM_FAULT_SIGBUS), PF_RET_HWPOISON);
	HEXPECT_EQ(fault_result(VM_FAULT_SIGSEGV), PF_RET_ACCESS_ERR);
}
