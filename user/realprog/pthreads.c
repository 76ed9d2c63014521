/*
 * 16 threads: a mutex-protected counter under contention, a condition variable that
 * releases them all at once, thread-local storage, and join with return values.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_THREADS 16
#define NR_INCREMENTS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static pthread_cond_t ready_cond = PTHREAD_COND_INITIALIZER;
static int started, ready;
static long counter;
static __thread long mine = 1000;

static void *worker(void *arg)
{
	long id = (long)arg;

	mine += id;
	pthread_mutex_lock(&lock);
	ready++;
	pthread_cond_signal(&ready_cond);
	while (!started)
		pthread_cond_wait(&go, &lock);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < NR_INCREMENTS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(mine * 10);
}

int main(void)
{
	pthread_t threads[NR_THREADS];
	long sum = 0;

	for (long i = 0; i < NR_THREADS; i++)
		if (pthread_create(&threads[i], NULL, worker, (void *)i)) {
			printf("pthread_create %ld failed\n", i);
			return 1;
		}
	pthread_mutex_lock(&lock);
	while (ready < NR_THREADS)
		pthread_cond_wait(&ready_cond, &lock);
	started = 1;
	pthread_cond_broadcast(&go);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < NR_THREADS; i++) {
		void *ret;

		pthread_join(threads[i], &ret);
		sum += (long)ret;
	}
	printf("counter %ld (expected %d)\n", counter, NR_THREADS * NR_INCREMENTS);
	printf("sum of the threads' results %ld, main's own TLS %ld\n", sum, mine);
	return 0;
}
