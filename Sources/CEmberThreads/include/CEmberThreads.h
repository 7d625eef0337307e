// Ember's intra-op thread pool (PyTorch's at::parallel_for over its OpenMP pool), in C for
// C11 atomics, the CPU's pause instruction and pthreads (see Note [A spinning thread pool] in Pool.c).
#ifndef CEMBER_THREADS_H
#define CEMBER_THREADS_H

#include <stddef.h>

/// One piece of a parallel job: `context` as passed to ember_pool_run, and the piece's index.
typedef void (*ember_pool_task)(void *context, size_t index);

/// Runs task(context, i) for every i < count, on the calling thread and up to threads - 1 of the
/// pool's workers, each taking the next index until none is left; returns when every piece has
/// finished. Runs the pieces in order on the calling thread when threads <= 1 or count <= 1,
/// when called from inside a piece (nested parallelism), or while another thread's job holds
/// the pool.
void ember_pool_run(size_t count, size_t threads, ember_pool_task task, void *context);

/// Sends the pool's spinning workers to sleep now rather than at the end of their spin, before
/// another library's threads (OpenBLAS's) take the cores: see Note [A spinning thread pool].
void ember_pool_park(void);

#endif
