/* EXPECT: exit 0 */
/*
 * A mutex and a condition variable built on futexes, as a C library builds them, used by
 * 8 threads that contend on purpose (each yields the CPU while holding the lock):
 *   - the mutex (Drepper's three states: 0 free, 1 taken, 2 taken with waiters) keeps
 *     a shared counter exact: 8 x 200 increments, none lost;
 *   - the condition variable (a sequence word: wait = FUTEX_WAIT on the value seen,
 *     signal = bump it and FUTEX_WAKE) carries 400 items from one producer to 4
 *     consumers through a 4-slot queue; every item arrives exactly once;
 *   - some thread really slept: the mutex saw waiters (state 2) at least once.
 * All futex calls are FUTEX_PRIVATE_FLAG, as for a process-private pthread mutex.
 */
#include <check.h>
#include <sched.h>
#include <stdio.h>
#include <thread.h>

#define NR_COUNTERS  8
#define INCREMENTS   200
#define NR_CONSUMERS 4
#define NR_ITEMS     400
#define QUEUE_SLOTS  4

struct mutex {
	volatile int state;
};

struct cond {
	volatile int seq;
};

static int contended; /* times a lock found state 2 or had to set it */

static int cmpxchg(volatile int *p, int old, int new)
{
	__atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old;
}

static void mutex_lock(struct mutex *m)
{
	int c = cmpxchg(&m->state, 0, 1);

	if (c == 0)
		return;
	if (c != 2)
		c = __atomic_exchange_n(&m->state, 2, __ATOMIC_SEQ_CST);
	while (c != 0) {
		__atomic_add_fetch(&contended, 1, __ATOMIC_RELAXED);
		futex(&m->state, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, NULL, NULL, 0);
		c = __atomic_exchange_n(&m->state, 2, __ATOMIC_SEQ_CST);
	}
}

static void mutex_unlock(struct mutex *m)
{
	if (__atomic_fetch_sub(&m->state, 1, __ATOMIC_SEQ_CST) != 1) {
		m->state = 0;
		futex(&m->state, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
	}
}

static void cond_wait(struct cond *c, struct mutex *m)
{
	int seq = c->seq;

	mutex_unlock(m);
	futex(&c->seq, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, seq, NULL, NULL, 0);
	mutex_lock(m);
}

static void cond_broadcast(struct cond *c)
{
	__atomic_add_fetch(&c->seq, 1, __ATOMIC_SEQ_CST);
	futex(&c->seq, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 0x7fffffff, NULL, NULL, 0);
}

static struct mutex counter_lock;
static long counter;

static int count_up(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		mutex_lock(&counter_lock);
		long seen = counter;

		if (i % 8 == 0)
			sched_yield(); /* let the others find the lock taken */
		counter = seen + 1;
		mutex_unlock(&counter_lock);
	}
	return 0;
}

static struct mutex queue_lock;
static struct cond not_empty, not_full;
static int queue[QUEUE_SLOTS], queue_head, queue_len;
static int seen_item[NR_ITEMS];
static long consumed_sum;

static int consume(void *arg)
{
	(void)arg;
	for (;;) {
		int item;

		mutex_lock(&queue_lock);
		while (queue_len == 0)
			cond_wait(&not_empty, &queue_lock);
		item = queue[queue_head];
		queue_head = (queue_head + 1) % QUEUE_SLOTS;
		queue_len--;
		if (item >= 0) {
			seen_item[item]++;
			consumed_sum += item;
		}
		cond_broadcast(&not_full);
		mutex_unlock(&queue_lock);
		if (item < 0)
			return 0; /* the end */
	}
}

static void produce(int item)
{
	mutex_lock(&queue_lock);
	while (queue_len == QUEUE_SLOTS)
		cond_wait(&not_full, &queue_lock);
	queue[(queue_head + queue_len) % QUEUE_SLOTS] = item;
	queue_len++;
	cond_broadcast(&not_empty);
	mutex_unlock(&queue_lock);
}

int main(void)
{
	struct thread counters[NR_COUNTERS], consumers[NR_CONSUMERS];
	long want = 0;

	for (int i = 0; i < NR_COUNTERS; i++)
		CHECK(thread_create(&counters[i], count_up, NULL, NULL) > 0, "clone %d", i);
	for (int i = 0; i < NR_COUNTERS; i++)
		thread_join(&counters[i]);
	CHECK_EQ(counter, NR_COUNTERS * INCREMENTS);
	printf("mutex: %d increments, none lost\n", NR_COUNTERS * INCREMENTS);

	for (int i = 0; i < NR_CONSUMERS; i++)
		CHECK(thread_create(&consumers[i], consume, NULL, NULL) > 0, "clone %d", i);
	for (int i = 0; i < NR_ITEMS; i++) {
		produce(i);
		want += i;
	}
	for (int i = 0; i < NR_CONSUMERS; i++)
		produce(-1);
	for (int i = 0; i < NR_CONSUMERS; i++)
		thread_join(&consumers[i]);
	for (int i = 0; i < NR_ITEMS; i++)
		CHECK(seen_item[i] == 1, "item %d consumed %d times", i, seen_item[i]);
	CHECK_EQ(consumed_sum, want);
	CHECK(contended > 0, "the mutex never had a waiter");
	printf("condvar: %d items through %d consumers, each once\n", NR_ITEMS, NR_CONSUMERS);
	return 0;
}
